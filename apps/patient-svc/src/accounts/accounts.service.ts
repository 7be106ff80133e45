import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_CLINIC_ID, PRIVACY_POLICY_VERSION, type AccountReply, type Actor, type MessageMeta, type AccountPayerReply, type PatientExportReply, type WechatLoginReply } from '@clinic/contracts';
import { DomainError, isUniqueViolation, JsonLogger, PiiCipher, Tx } from '@clinic/platform';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { accountSubject, AuthService } from '../identity/auth.service';
import { PatientsService } from '../patients/patients.service';
import { WechatAuthAdapter } from '../wechat/wechat-auth.adapter';
import { Account, AccountPatient } from './account.entity';
import { toAccountReply } from './account-reply';

/** Patient accounts: WeChat sign-in, the privacy agreement, data export and closing the account. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly tx: Tx,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly wechat: WechatAuthAdapter,
    private readonly auth: AuthService,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
    private readonly pii: PiiCipher,
    private readonly logger: JsonLogger,
  ) {}

  /** The openid is the account: the first sign-in makes it, later ones find it. */
  async wechatLogin(code: string): Promise<WechatLoginReply> {
    const session = await this.wechat.code2Session(code);
    const sessionKeyEnc = this.pii.encrypt(session.sessionKey);
    let account = await this.accounts.findOneBy({ openid: session.openid });
    if (!account) {
      const fresh: Account = {
        id: randomUUID(),
        clinicId: DEFAULT_CLINIC_ID,
        openid: session.openid,
        unionid: session.unionid,
        sessionKeyEnc,
        patientCount: 0,
        privacyVersion: null,
        privacyConsentedAt: null,
        status: 'ACTIVE',
        createdAt: new Date(),
        closedAt: null,
      };
      try {
        await this.tx.run((m) => m.insert(Account, fresh));
        account = fresh;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        account = await this.accounts.findOneByOrFail({ openid: session.openid }); // signed in twice at once
      }
    }
    const signedIn = account;
    const pair = await this.tx.run(async (m) => {
      await m.update(Account, { id: signedIn.id }, { sessionKeyEnc, unionid: session.unionid ?? signedIn.unionid });
      return this.auth.issue(m, accountSubject(signedIn), randomUUID());
    });
    this.logger.event('info', 'Accounts', 'patient account signed in', { accountId: signedIn.id, adapter: this.wechat.kind });
    return { ...pair, account: toAccountReply(signedIn) };
  }

  async consent(actor: Actor, version: string): Promise<AccountReply> {
    if (version !== PRIVACY_POLICY_VERSION) {
      throw new DomainError('VALIDATION.FAILED', 'Invalid fields: version', [{ field: 'version', errors: [`the current privacy policy is ${PRIVACY_POLICY_VERSION}`] }]);
    }
    await this.tx.run((m) => m.update(Account, { id: actor.id, status: 'ACTIVE' }, { privacyVersion: version, privacyConsentedAt: new Date() }));
    return toAccountReply(await this.active(actor));
  }

  async export(actor: Actor, meta: MessageMeta): Promise<PatientExportReply> {
    const account = await this.active(actor);
    return { exportedAt: new Date().toISOString(), account: toAccountReply(account), patients: await this.patients.exportFor(actor, meta) };
  }

  /** The account's openid (the payer of a JSAPI order) and the patients it may pay and see bills for. */
  async payer(actor: Actor): Promise<AccountPayerReply> {
    const account = await this.active(actor);
    const links = await this.accounts.manager.findBy(AccountPatient, { accountId: account.id });
    return { openid: account.openid, patientIds: links.map((l) => l.patientId) };
  }

  /**
   * Closes the account: its patients are unlinked and their medical records stay with the clinic, as the
   * law on medical records requires; the WeChat identity and session key are erased and every session ends.
   */
  async close(actor: Actor, meta: MessageMeta): Promise<void> {
    await this.active(actor);
    await this.tx.run(async (m) => {
      const links = await m.findBy(AccountPatient, { accountId: actor.id });
      await m.delete(AccountPatient, { accountId: actor.id });
      await m.update(Account, { id: actor.id }, { status: 'CLOSED', closedAt: new Date(), openid: null, unionid: null, sessionKeyEnc: null, patientCount: 0 });
      await this.auth.revokeAll(m, actor.id);
      await this.audit.append(m, actor, meta, links.map((l) => ({ action: 'PATIENT_UNLINK' as const, patientId: l.patientId, outcome: 'OK' as const })));
    });
    this.logger.event('info', 'Accounts', 'patient account closed', { accountId: actor.id });
  }

  private async active(actor: Actor): Promise<Account> {
    const account = await this.accounts.findOneBy({ id: actor.id, status: 'ACTIVE' });
    if (!account) throw new DomainError('AUTH.UNAUTHENTICATED', 'This account is closed');
    return account;
  }
}
