import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig, type Config } from '@clinic/platform';
import { HttpInsurance, InsuranceRefusal } from './insurance.channel';

const recorded = JSON.parse(readFileSync(join(__dirname, 'testing/recorded/2207-settlement.json'), 'utf8'));

/** The 医保 adapter against a server replaying a recorded exchange: what we send, and how we read the answer. */
describe('HttpInsurance (recorded protocol)', () => {
  let server: Server;
  let config: Config;
  const received: { url?: string; body: Record<string, unknown> }[] = [];
  let answer: (infno: string) => unknown = () => recorded.reply;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        received.push({ url: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer(body.infno)));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config = loadConfig('billing', { NODE_ENV: 'test', INSURANCE_API_BASE: base, INSURANCE_ORG_CODE: 'H11010500001', INSURANCE_AREA: '110105', INSURANCE_TIMEOUT_MS: '2000' });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends 2207 with the recorded envelope and input, and reads the split in fen', async () => {
    const settled = await new HttpInsurance(config).settle({ msgId: 'H1101050000120261126100000ab', billId: 'bill', cardNo: 'A12345678', totalFen: 12850 });
    const sent = received.at(-1)!;
    expect(sent.url).toBe('/2207');
    expect(sent.body).toMatchObject({ ...recorded.request, msgid: 'H1101050000120261126100000ab' });
    expect(sent.body.inf_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(settled).toEqual({ settlementId: '110105S2026112600001', fundFen: 7710, accountFen: 2000, selfFen: 3140 });
  });

  it('takes a non-zero infcode as a refusal with its message', async () => {
    answer = () => recorded.refusal;
    const refused = new HttpInsurance(config).settle({ msgId: 'm2', billId: 'bill', cardNo: 'A12345678', totalFen: 100 });
    await expect(refused).rejects.toBeInstanceOf(InsuranceRefusal);
    await expect(refused).rejects.toThrow('参保人信息不存在');
    answer = () => recorded.reply;
  });

  it('reverses (2601) by the original message id, and revokes (2208) by settlement id', async () => {
    const channel = new HttpInsurance(config);
    await channel.reverse('H1101050000120261126100000ab');
    expect(received.at(-1)).toMatchObject({ url: '/2601', body: { infno: '2601', input: { data: { omsgid: 'H1101050000120261126100000ab', oinfno: '2207' } } } });
    await channel.revoke({ settlementId: '110105S2026112600001', msgId: 'R1' });
    expect(received.at(-1)).toMatchObject({ url: '/2208', body: { infno: '2208', msgid: 'R1', input: { data: { setl_id: '110105S2026112600001' } } } });
  });
});
