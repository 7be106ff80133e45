import { randomBytes } from 'node:crypto';
import { fenToYuan, yuanToFen } from '@clinic/rules';
import { Config, JsonLogger, WechatHttp } from '@clinic/platform';

export interface SettleRequest {
  /** Our outgoing message id, stored before sending: the handle for 冲正 if the answer never comes. */
  msgId: string;
  billId: string;
  /** The insured person's card (社保卡 / 医保电子凭证) number as read at the desk. */
  cardNo: string;
  totalFen: number;
}

export interface Settlement {
  settlementId: string;
  /** Paid by the pooled fund (统筹基金). */
  fundFen: number;
  /** Paid from the insured person's own account (个人账户). */
  accountFen: number;
  /** Left for the patient to pay (个人现金): the rest of the split payment. */
  selfFen: number;
}

/** The insurer answered and said no: nothing was settled. */
export class InsuranceRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`医保 ${code}: ${message}`);
  }
}

/** 医保 settlement as billing uses it; the national platform's HTTP interface, or the development stand-in. */
export abstract class InsuranceChannel {
  abstract readonly available: boolean;
  /** 2207 结算. Throws InsuranceRefusal for a no, anything else when the answer did not arrive. */
  abstract settle(r: SettleRequest): Promise<Settlement>;
  /** 2601 冲正: undoes whatever the message msgId did, when its answer never came. Safe to repeat. */
  abstract reverse(msgId: string): Promise<void>;
  /** 2208 撤销: cancels a completed settlement (a whole refund of the insured part). */
  abstract revoke(r: { settlementId: string; msgId: string }): Promise<{ revokeId: string }>;
}

interface Envelope {
  infcode: number | string;
  err_msg?: string;
  inf_refmsgid?: string;
  output?: Record<string, unknown>;
}

/**
 * The national medical insurance platform's JSON interface (国家医保信息平台, 接口 2207/2208/2601): every
 * message has an envelope naming the interface (infno), a message id, the institution and area, and an input;
 * the answer has infcode 0 for success and the output. Amounts are yuan with two decimals on the wire.
 */
export class HttpInsurance extends InsuranceChannel {
  readonly available = true;
  private readonly http: WechatHttp;

  constructor(private readonly config: Config) {
    super();
    this.http = new WechatHttp({ apiBase: config.env.INSURANCE_API_BASE!, timeoutMs: config.env.INSURANCE_TIMEOUT_MS, nodeEnv: config.env.NODE_ENV });
  }

  async settle(r: SettleRequest): Promise<Settlement> {
    const out = await this.call('2207', r.msgId, {
      data: { mdtrt_cert_type: '03', mdtrt_cert_no: r.cardNo, mdtrt_id: r.billId, chrg_bchno: r.billId, medfee_sumamt: fenToYuan(r.totalFen), psn_setlway: '01', acct_used_flag: '1', insutype: '310' },
    });
    const s = out.setlinfo as Record<string, string | number> | undefined;
    if (!s?.setl_id) throw new Error('医保 2207 answer without setlinfo');
    const fen = (v: string | number | undefined) => {
      // JSON numbers such as 77.1 print back exactly as sent; the digits are read as text, never scaled as floats.
      const f = yuanToFen(String(v ?? '0'));
      if (f === null) throw new Error(`医保 2207 answer with a malformed amount: ${v}`);
      return f;
    };
    const fundFen = fen(s.fund_pay_sumamt);
    const accountFen = fen(s.acct_pay);
    return { settlementId: String(s.setl_id), fundFen, accountFen, selfFen: r.totalFen - fundFen - accountFen };
  }

  async reverse(msgId: string): Promise<void> {
    await this.call('2601', newMsgId(this.config), { data: { omsgid: msgId, oinfno: '2207' } });
  }

  async revoke(r: { settlementId: string; msgId: string }): Promise<{ revokeId: string }> {
    const out = await this.call('2208', r.msgId, { data: { setl_id: r.settlementId } });
    return { revokeId: String((out.setlinfo as { setl_id?: string } | undefined)?.setl_id ?? r.msgId) };
  }

  private async call(infno: string, msgid: string, input: unknown): Promise<Record<string, unknown>> {
    const env = this.config.env;
    const body = {
      infno,
      msgid,
      mdtrtarea_admvs: env.INSURANCE_AREA,
      insuplc_admdvs: env.INSURANCE_AREA,
      recer_sys_code: 'CLINIC',
      infver: 'V1.0',
      opter_type: '1',
      fixmedins_code: env.INSURANCE_ORG_CODE,
      inf_time: new Date().toISOString().replace('T', ' ').slice(0, 19),
      input,
    };
    const reply = await this.http.request(this.http.url(`/${infno}`), { method: 'POST', body: JSON.stringify(body) });
    if (reply.status !== 200) throw new Error(`医保 ${infno} answered HTTP ${reply.status}`);
    const e = JSON.parse(reply.body) as Envelope;
    if (Number(e.infcode) !== 0) throw new InsuranceRefusal(String(e.infcode), e.err_msg ?? '');
    return e.output ?? {};
  }
}

/**
 * Development stand-in, never used in production (there, no configured platform means no 医保 at the desk): the
 * fund pays 60 % and the personal account nothing, so a split payment has a self-paid part to take.
 */
export class DevInsurance extends InsuranceChannel {
  readonly available: boolean;
  private readonly settled = new Map<string, string>();

  constructor(
    production: boolean,
    private readonly logger: JsonLogger,
  ) {
    super();
    this.available = !production;
  }

  async settle(r: SettleRequest): Promise<Settlement> {
    if (!this.available) throw new InsuranceRefusal('NOT_CONFIGURED', '本机构未开通医保结算');
    if (!/^[0-9A-Za-z]{6,32}$/.test(r.cardNo)) throw new InsuranceRefusal('-1', '参保人信息不存在');
    this.logger.event('warn', 'Insurance', 'development 医保 adapter: nothing is settled', { billId: r.billId });
    const fundFen = Math.floor((r.totalFen * 6) / 10);
    const settlementId = `DEV${randomBytes(8).toString('hex')}`;
    this.settled.set(r.msgId, settlementId);
    return { settlementId, fundFen, accountFen: 0, selfFen: r.totalFen - fundFen };
  }

  async reverse(msgId: string): Promise<void> {
    this.settled.delete(msgId);
  }

  async revoke(r: { settlementId: string; msgId: string }): Promise<{ revokeId: string }> {
    return { revokeId: `DEVR-${r.settlementId}` };
  }
}

/** A message id as the platform wants it: institution code, time, and a serial, at most 30 characters. */
export function newMsgId(config: Config, at = new Date()): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${(config.env.INSURANCE_ORG_CODE ?? 'DEV').slice(0, 12)}${stamp}${randomBytes(2).toString('hex')}`.slice(0, 30);
}

export function insuranceChannel(config: Config, logger: JsonLogger): InsuranceChannel {
  return config.env.INSURANCE_API_BASE ? new HttpInsurance(config) : new DevInsurance(config.env.NODE_ENV === 'production', logger);
}
