import { randomUUID } from 'node:crypto';
import type { FactoryProvider, OnModuleDestroy } from '@nestjs/common';
import type { ReminderKind } from '@clinic/contracts';
import { Config, JsonLogger } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { Notification } from '../scheduling/scheduling.entities';
import { openidTag } from '../wechat/wechat-auth.adapter';
import { WechatHttp } from '@clinic/platform';

export interface OutgoingReminder {
  clinicId: string;
  accountId: string;
  openid: string | null;
  patientId: string;
  kind: ReminderKind;
  title: string;
  body: string;
  /** The clinic's wall-clock text of the due time, for the message. */
  when: string;
}

/** SENT: delivered. REFUSED: the person has not agreed to this kind of message (WeChat 43101); not retried. */
export type SendOutcome = 'SENT' | 'REFUSED';

/** Delivers a reminder; throws when delivery failed and should be tried again later. */
export abstract class ReminderSender {
  abstract readonly kind: 'wechat' | 'development';
  abstract send(r: OutgoingReminder): Promise<SendOutcome>;
}

/** Development: the reminder becomes a notification in the account's inbox (GET /me/notifications). */
export class RecordingReminderSender extends ReminderSender {
  override readonly kind = 'development' as const;

  constructor(private readonly ds: DataSource) {
    super();
  }

  override async send(r: OutgoingReminder): Promise<SendOutcome> {
    await this.ds.getRepository(Notification).insert({ id: randomUUID(), clinicId: r.clinicId, accountId: r.accountId, patientId: r.patientId, kind: `REMINDER_${r.kind}`, title: r.title, body: r.body, createdAt: new Date(), readAt: null });
    return 'SENT';
  }
}

/** WeChat's limits on template fields: thing.DATA at most 20 characters. */
const thing = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);
/** An access token is refreshed this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * WeChat subscribe messages (订阅消息): an access token from /cgi-bin/token (cached until shortly before it
 * expires), then POST /cgi-bin/message/subscribe/send with the kind's template. Template fields: thing1 the
 * title, time2 the time, thing3 the details.
 */
export class WechatSubscribeSender extends ReminderSender implements OnModuleDestroy {
  override readonly kind = 'wechat' as const;
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly http: WechatHttp,
    private readonly app: { appId: string; appSecret: string },
    private readonly templates: Record<ReminderKind, string>,
    private readonly logger: JsonLogger,
  ) {
    super();
  }

  onModuleDestroy() {
    this.http.destroy();
  }

  override async send(r: OutgoingReminder): Promise<SendOutcome> {
    if (!r.openid) return 'REFUSED'; // an account without WeChat cannot receive subscribe messages
    const body = { touser: r.openid, template_id: this.templates[r.kind], page: 'pages/appointments/index', data: { thing1: { value: thing(r.title) }, time2: { value: r.when }, thing3: { value: thing(r.body) } } };
    let reply = await this.post(body);
    if (reply.errcode === 40001 || reply.errcode === 42001) {
      this.token = null; // expired or revoked early: one fresh token, one more try
      reply = await this.post(body);
    }
    if (reply.errcode === 0) return 'SENT';
    if (reply.errcode === 43101) {
      this.logger.event('info', 'Reminders', 'WeChat user has not agreed to this message', { openidTag: openidTag(r.openid), kind: r.kind });
      return 'REFUSED';
    }
    throw new Error(`subscribe/send answered errcode ${reply.errcode}`);
  }

  private async post(body: unknown): Promise<{ errcode: number }> {
    const token = await this.accessToken();
    const raw = await this.http.call(this.http.url('/cgi-bin/message/subscribe/send', { access_token: token }), body);
    return parseReply(raw.status, raw.body, 'subscribe/send') as { errcode: number };
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const raw = await this.http.call(this.http.url('/cgi-bin/token', { grant_type: 'client_credential', appid: this.app.appId, secret: this.app.appSecret }));
    const reply = parseReply(raw.status, raw.body, 'token') as { access_token?: unknown; expires_in?: unknown; errcode?: number };
    if (typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') throw new Error(`token answered errcode ${reply.errcode ?? 'none'}`);
    this.token = { value: reply.access_token, until: Date.now() + reply.expires_in * 1000 - TOKEN_MARGIN_MS };
    return this.token.value;
  }
}

function parseReply(status: number, text: string, what: string): Record<string, unknown> {
  if (status !== 200) throw new Error(`${what} answered HTTP ${status}`);
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${what} answered something other than an object`);
  const reply = parsed as Record<string, unknown>;
  return { errcode: 0, ...reply };
}

/** "FOLLOW_UP=id1,MEDICATION=id2,APPOINTMENT=id3" → the template of each kind; every kind must have one. */
export function parseTemplates(setting: string): Record<ReminderKind, string> {
  const map = Object.fromEntries(setting.split(',').map((part) => part.split('=').map((s) => s.trim())));
  for (const kind of ['FOLLOW_UP', 'MEDICATION', 'APPOINTMENT']) if (!map[kind]) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES has no template for ${kind}`);
  return map as Record<ReminderKind, string>;
}

/** WeChat subscribe messages when the app and its templates are configured; otherwise reminders are recorded. */
export function reminderSenderProvider(): FactoryProvider<ReminderSender> {
  return {
    provide: ReminderSender,
    inject: [Config, JsonLogger, DataSource],
    useFactory: (config: Config, logger: JsonLogger, ds: DataSource): ReminderSender => {
      const env = config.env;
      if (env.WECHAT_APP_ID && env.WECHAT_APP_SECRET && env.WECHAT_SUBSCRIBE_TEMPLATES) {
        const http = new WechatHttp({ apiBase: env.WECHAT_API_BASE, timeoutMs: env.WECHAT_TIMEOUT_MS, nodeEnv: env.NODE_ENV });
        return new WechatSubscribeSender(http, { appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET }, parseTemplates(env.WECHAT_SUBSCRIBE_TEMPLATES), logger);
      }
      logger.event('info', 'Reminders', 'no WeChat subscribe templates: reminders are recorded as notifications');
      return new RecordingReminderSender(ds);
    },
  };
}
