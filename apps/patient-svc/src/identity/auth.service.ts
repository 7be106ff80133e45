import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { DEFAULT_CLINIC_ID, type Actor, type MeReply, type StaffLoginDto, type StaffLoginReply, type StaffUserReply, type TokenPairReply } from '@clinic/contracts';
import { Config, DomainError, isUniqueViolation, JsonLogger, signAccessToken, Tx } from '@clinic/platform';
import { IsNull, MoreThan, Repository, type EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { toAccountReply } from '../accounts/account-reply';
import { RefreshToken } from './refresh-token.entity';
import { LoginFailure, StaffUser } from './staff-user.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Whose tokens: a staff user or a patient account. */
export interface TokenSubject {
  kind: 'staff' | 'account';
  id: string;
  roles: Actor['roles'];
  clinicId: string;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly tx: Tx,
    @InjectRepository(StaffUser) private readonly users: Repository<StaffUser>,
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap() {
    await this.ensureBootstrapAdmin();
  }

  /**
   * Staff sign-in. LOGIN_LOCK_THRESHOLD failures within LOGIN_LOCK_WINDOW_SECONDS lock the account for
   * LOGIN_LOCK_SECONDS; while locked even the right password is refused.
   */
  async login(dto: StaffLoginDto): Promise<StaffLoginReply> {
    const user = await this.users.findOneBy({ username: dto.username });
    const now = new Date();
    if (user?.lockedUntil && user.lockedUntil > now) throw locked(user.lockedUntil);
    const ok = await verify(user?.passwordHash ?? (await this.dummy()), dto.password).catch(() => false);
    if (!user || !ok || user.status !== 'ACTIVE') {
      if (user) await this.recordFailure(user, now);
      this.logger.event('warn', 'Auth', 'staff login refused', { userId: user?.id ?? null, known: !!user });
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'Wrong username or password');
    }
    const pair = await this.tx.run(async (m) => {
      await m.delete(LoginFailure, { userId: user.id });
      return this.issue(m, staffSubject(user), randomUUID());
    });
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
      const spent = await m.update(RefreshToken, { id: row.id, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
      if (spent.affected !== 1) return null;
      const subject = await this.activeSubject(m, row);
      return subject ? this.issue(m, subject, row.familyId) : null;
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

  /** Ends every session of a staff user or account (disabling, closing): refresh tokens stop working now. */
  revokeAll(m: EntityManager, userId: string) {
    return m.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async me(actor: Actor): Promise<MeReply> {
    if (actor.kind === 'account') {
      const account = await this.accounts.findOneBy({ id: actor.id, status: 'ACTIVE' });
      if (!account) throw new DomainError('AUTH.UNAUTHENTICATED', 'This account is closed');
      return { kind: 'account', account: toAccountReply(account) };
    }
    const user = await this.users.findOneBy({ id: actor.id, status: 'ACTIVE' });
    if (!user) throw new DomainError('AUTH.UNAUTHENTICATED', 'The signed-in user no longer exists');
    return { kind: 'staff', user: toReply(user) };
  }

  hashPassword(password: string): Promise<string> {
    return hash(password); // argon2id, the library's defaults: 19 MiB, 2 passes
  }

  /** Issues an access token and a new refresh token of `familyId`, inside the caller's transaction. */
  async issue(m: EntityManager, subject: TokenSubject, familyId: string): Promise<TokenPairReply> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await m.insert(RefreshToken, {
      id: randomUUID(),
      familyId,
      userId: subject.id,
      subjectKind: subject.kind,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + this.config.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    const ttl = this.config.env.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = signAccessToken({ sub: subject.id, kind: subject.kind, roles: subject.roles, clinicId: subject.clinicId }, this.config.env.JWT_SECRET!, ttl);
    return { accessToken, refreshToken: token, expiresIn: ttl };
  }

  private async activeSubject(m: EntityManager, row: RefreshToken): Promise<TokenSubject | null> {
    if (row.subjectKind === 'account') {
      const account = await m.findOneBy(Account, { id: row.userId, status: 'ACTIVE' });
      return account && accountSubject(account);
    }
    const user = await m.findOneBy(StaffUser, { id: row.userId, status: 'ACTIVE' });
    return user && staffSubject(user);
  }

  private async recordFailure(user: StaffUser, now: Date) {
    const { LOGIN_LOCK_THRESHOLD, LOGIN_LOCK_WINDOW_SECONDS, LOGIN_LOCK_SECONDS } = this.config.env;
    const lockedUntil = await this.tx.run(async (m) => {
      await m.insert(LoginFailure, { id: randomUUID(), userId: user.id, at: now });
      const recent = await m.countBy(LoginFailure, { userId: user.id, at: MoreThan(new Date(now.getTime() - LOGIN_LOCK_WINDOW_SECONDS * 1000)) });
      if (recent < LOGIN_LOCK_THRESHOLD) return null;
      const until = new Date(now.getTime() + LOGIN_LOCK_SECONDS * 1000);
      await m.update(StaffUser, { id: user.id }, { lockedUntil: until });
      await m.delete(LoginFailure, { userId: user.id }); // the lock starts a fresh count
      return until;
    });
    if (lockedUntil) {
      this.logger.event('warn', 'Auth', 'staff account locked after failed logins', { userId: user.id, lockedUntil: lockedUntil.toISOString() });
      throw locked(lockedUntil);
    }
  }

  private revokeFamily(familyId: string, now: Date) {
    return this.tx.run((m) => m.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: now }));
  }

  /** On start, if no admin exists and CLINIC_ADMIN_PASSWORD is set, creates staff user `admin`. */
  private async ensureBootstrapAdmin() {
    const password = this.config.env.CLINIC_ADMIN_PASSWORD;
    if (!password) return;
    const admins = await this.users.createQueryBuilder('u').where('u.roles LIKE :r', { r: '%admin%' }).getCount();
    if (admins > 0) return;
    try {
      const passwordHash = await this.hashPassword(password);
      await this.tx.run((m) =>
        m.insert(StaffUser, {
          id: randomUUID(),
          clinicId: DEFAULT_CLINIC_ID,
          username: 'admin',
          passwordHash,
          name: '系统管理员',
          roles: ['admin'],
          departmentId: null,
          title: null,
          specialty: null,
          introduction: null,
          lockedUntil: null,
          status: 'ACTIVE',
          createdAt: new Date(),
        }),
      );
      this.logger.event('info', 'Auth', 'bootstrap admin created', { username: 'admin' });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another copy created it first
    }
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hash(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}

function locked(until: Date): DomainError {
  return new DomainError('AUTH.ACCOUNT_LOCKED', 'Too many failed logins: the account is locked for now', { lockedUntil: until.toISOString() });
}

export function staffSubject(u: StaffUser): TokenSubject {
  return { kind: 'staff', id: u.id, roles: u.roles, clinicId: u.clinicId };
}

export function accountSubject(a: Account): TokenSubject {
  return { kind: 'account', id: a.id, roles: ['patient'], clinicId: a.clinicId };
}

export function toReply(u: StaffUser): StaffUserReply {
  return { id: u.id, username: u.username, name: u.name, roles: u.roles, clinicId: u.clinicId };
}
