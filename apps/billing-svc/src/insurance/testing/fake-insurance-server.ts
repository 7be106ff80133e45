import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fenToYuan, yuanToFen } from '@clinic/rules';

/**
 * A local stand-in for the 医保 platform's JSON interface: 2207 settles (fund and personal account split by the
 * given ratios), 2208 revokes a settlement, 2601 reverses (冲正) whatever an earlier message did. It can hang on
 * the next settlement after making it, as a platform whose answer is lost does. Every message is kept.
 */
/** A message as the platform receives it (the fields this fake reads). */
export interface InsuranceMessage {
  infno: string;
  msgid: string;
  fixmedins_code?: string;
  input?: { data?: Record<string, string | undefined> };
  [field: string]: unknown;
}

export interface FakeInsurance {
  url: string;
  /** Every message received, in order. */
  messages: InsuranceMessage[];
  /** Settlements by our message id, with their state. */
  settlements: Map<string, { setlId: string; totalFen: number; fundFen: number; accountFen: number; state: 'SETTLED' | 'REVERSED' | 'REVOKED' }>;
  /** The next 2207 settles but never answers. */
  hangNextSettlement(): void;
  close(): Promise<void>;
}


export async function startFakeInsurance(split = { fundPercent: 50, accountPercent: 10 }): Promise<FakeInsurance> {
  const messages: InsuranceMessage[] = [];
  const settlements: FakeInsurance['settlements'] = new Map();
  let hang = false;

  const answer = (res: ServerResponse, msgid: string, output: unknown, infcode = 0, errMsg = '') => {
    const body = JSON.stringify({ infcode, inf_refmsgid: `R${msgid}`, refmsg_time: new Date().toISOString(), err_msg: errMsg || null, output });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    let m: InsuranceMessage;
    try {
      m = JSON.parse(text);
    } catch {
      return answer(res, '', null, -1, '报文格式错误');
    }
    messages.push(m);
    if (req.url !== `/${m.infno}` || !m.msgid || !m.fixmedins_code) return answer(res, m.msgid ?? '', null, -1, '报文头不完整');
    const data = m.input?.data ?? {};
    switch (m.infno) {
      case '2207': {
        if (!/^[0-9A-Za-z]{6,32}$/.test(data.mdtrt_cert_no ?? '')) return answer(res, m.msgid, null, -1, '参保人信息不存在');
        const totalFen = yuanToFen(data.medfee_sumamt ?? '') ?? 0;
        const fundFen = Math.floor((totalFen * split.fundPercent) / 100);
        const accountFen = Math.floor((totalFen * split.accountPercent) / 100);
        const s = { setlId: `S${randomBytes(8).toString('hex')}`, totalFen, fundFen, accountFen, state: 'SETTLED' as const };
        settlements.set(m.msgid, s);
        if (hang) {
          hang = false;
          return; // settled, but the answer is lost
        }
        return answer(res, m.msgid, { setlinfo: { setl_id: s.setlId, medfee_sumamt: fenToYuan(totalFen), fund_pay_sumamt: fenToYuan(fundFen), acct_pay: fenToYuan(accountFen), psn_cash_pay: fenToYuan(totalFen - fundFen - accountFen) } });
      }
      case '2601': {
        const s = settlements.get(data.omsgid ?? '');
        if (s && s.state === 'SETTLED') s.state = 'REVERSED';
        return answer(res, m.msgid, {});
      }
      case '2208': {
        const s = [...settlements.values()].find((x) => x.setlId === data.setl_id);
        if (!s || s.state !== 'SETTLED') return answer(res, m.msgid, null, -1, '结算信息不存在或已撤销');
        s.state = 'REVOKED';
        return answer(res, m.msgid, { setlinfo: { setl_id: `C${s.setlId}` } });
      }
      default:
        return answer(res, m.msgid, null, -1, `不支持的交易 ${m.infno}`);
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    settlements,
    hangNextSettlement() {
      hang = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
