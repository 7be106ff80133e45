import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { DEFAULT_CLINIC_ID, type MeReply, type StaffLoginDto, type StaffLoginReply, type StaffUserReply, type TokenPairReply, type Actor } from '@clinic/contracts';
import { Config, DomainError, isUniqueViolation, JsonLogger, signAccessToken, Tx } from '@clinic/platform';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';
import { StaffUser } from './staff-user.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly tx: Tx,
    @InjectRepository(StaffUser) private readonly users: Repository<StaffUser>,
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap() {
    await this.ensureBootstrapAdmin();
  }

  async login(dto: StaffLoginDto): Promise<StaffLoginReply> {
    const user = await this.users.findOneBy({ username: dto.username });
    const ok = await verify(user?.passwordHash ?? (await this.dummy()), dto.password).catch(() => false);
    if (!user || !ok || user.status !== 'ACTIVE') {
      this.logger.event('warn', 'Auth', 'staff login refused', { username: dto.username.slice(0, 64), known: !!user });
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'Wrong username or password');
    }
    const pair = await this.tx.run((m) => this.issue(m.getRepository(RefreshToken), user, randomUUID()));
    this.logger.event('info', 'Auth', 'staff signed in', { userId: user.id });
    return { ...pair, user: toReply(user) };
  }

  /**
   * Rotates a refresh token: the conditional update lets exactly one use of a token succeed. A second use
   * of a spent token means it was stolen or replayed, so the whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenPairReply> {
    const row = await this.tokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (!row) throw new DomainError('AUTH.REFRESH_INVALID', 'Refresh token is invalid');
    const now = new Date();
    const pair = await this.tx.run(async (m) => {
      const repo = m.getRepository(RefreshToken);
      const spent = await repo.update({ id: row.id, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
      if (spent.affected !== 1) return null;
      const user = await m.getRepository(StaffUser).findOneBy({ id: row.userId, status: 'ACTIVE' });
      if (!user) return null;
      return this.issue(repo, user, row.familyId);
    });
    if (pair) return pair;
    if (row.usedAt || (await this.tokens.findOneBy({ id: row.id }))?.usedAt) {
      await this.revokeFamily(row.familyId, now);
      this.logger.event('warn', 'Auth', 'refresh token reused; family revoked', { userId: row.userId, familyId: row.familyId });
    }
    throw new DomainError('AUTH.REFRESH_INVALID', 'Refresh token is invalid');
  }

  async logout(refreshToken: string): Promise<void> {
    const row = await this.tokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (row) await this.revokeFamily(row.familyId, new Date());
  }

  private revokeFamily(familyId: string, now: Date) {
    return this.tx.run((m) => m.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: now }));
  }

  async me(actor: Actor): Promise<MeReply> {
    const user = await this.users.findOneBy({ id: actor.id, status: 'ACTIVE' });
    if (!user) throw new DomainError('AUTH.UNAUTHENTICATED', 'The signed-in user no longer exists');
    return { kind: 'staff', user: toReply(user) };
  }

  async hashPassword(password: string): Promise<string> {
    return hash(password); // argon2id with the library's recommended cost
  }

  /** On start, if no admin exists and CLINIC_ADMIN_PASSWORD is set, creates staff user `admin`. */
  private async ensureBootstrapAdmin() {
    const password = this.config.env.CLINIC_ADMIN_PASSWORD;
    if (!password) return;
    const admins = await this.users.createQueryBuilder('u').where('u.roles LIKE :r', { r: '%admin%' }).getCount();
    if (admins > 0) return;
    try {
      const passwordHash = await this.hashPassword(password);
      await this.tx.run((m) => m.insert(StaffUser, {
        id: randomUUID(),
        clinicId: DEFAULT_CLINIC_ID,
        username: 'admin',
        passwordHash,
        name: '系统管理员',
        roles: ['admin'],
        departmentId: null,
        title: null,
        status: 'ACTIVE',
        createdAt: new Date(),
      }));
      this.logger.event('info', 'Auth', 'bootstrap admin created', { username: 'admin' });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another copy created it first
    }
  }

  private async issue(repo: Repository<RefreshToken>, user: StaffUser, familyId: string): Promise<TokenPairReply> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await repo.insert({
      id: randomUUID(),
      familyId,
      userId: user.id,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + this.config.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    const ttl = this.config.env.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = signAccessToken({ sub: user.id, kind: 'staff', roles: user.roles, clinicId: user.clinicId }, this.config.env.JWT_SECRET!, ttl);
    return { accessToken, refreshToken: token, expiresIn: ttl };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hash(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}

function toReply(u: StaffUser): StaffUserReply {
  return { id: u.id, username: u.username, name: u.name, roles: u.roles, clinicId: u.clinicId };
}
