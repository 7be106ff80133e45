import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Config, DomainError, JsonLogger } from '@clinic/platform';
import Redis from 'ioredis';

interface Hit {
  allowed: boolean;
  retryAfterSeconds: number;
}

interface Store {
  hit(key: string, windowSeconds: number): Promise<{ count: number; ttlSeconds: number }>;
  close(): Promise<void>;
}

/** Fixed windows in process memory: the embedded mode has one gateway. */
class MemoryStore implements Store {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowSeconds: number) {
    const now = Date.now();
    if (this.windows.size > 50_000) for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) this.windows.set(key, (w = { count: 0, resetAt: now + windowSeconds * 1000 }));
    w.count++;
    return { count: w.count, ttlSeconds: Math.ceil((w.resetAt - now) / 1000) };
  }

  async close() {}
}

/** Fixed windows in Redis, shared by every gateway copy: INCR, and the expiry set by the first hit only. */
class RedisStore implements Store {
  private readonly redis: Redis;

  constructor(options: NonNullable<ReturnType<Config['redis']>>) {
    // No offline queue: when Redis is away a hit fails at once instead of waiting.
    this.redis = new Redis({ ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1, keyPrefix: 'clinic:rl:' });
    this.redis.on('error', () => undefined); // reported per hit below; ioredis reconnects by itself
  }

  async hit(key: string, windowSeconds: number) {
    const res = await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec();
    if (!res || res.some(([err]) => err)) throw new Error('rate limit store failed');
    return { count: Number(res[0][1]), ttlSeconds: Math.max(1, Number(res[2][1])) };
  }

  async close() {
    this.redis.disconnect();
  }
}

/**
 * Limits sign-in and token refresh per client address and per account (RATE_LIMIT_* settings). Over the
 * limit the caller gets 429 RATE_LIMITED with how long to wait. If the store is unreachable the request is
 * let through: the services behind it are then unreachable too, and answer 503 themselves.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly store: Store;

  constructor(
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {
    const redis = config.redis();
    this.store = redis ? new RedisStore(redis) : new MemoryStore();
  }

  /** Counts one attempt against every key; refuses if any is over its limit. */
  async check(scope: string, keys: { ip?: string; account?: string }): Promise<void> {
    const window = this.config.env.RATE_LIMIT_WINDOW_SECONDS;
    const limits: [string, number][] = [];
    // The window is part of the key: changing the setting starts fresh counts instead of inheriting old expiries.
    if (keys.ip) limits.push([`${scope}:${window}:ip:${keys.ip}`, this.config.env.RATE_LIMIT_LOGIN_PER_IP]);
    if (keys.account) limits.push([`${scope}:${window}:account:${keys.account.toLowerCase()}`, this.config.env.RATE_LIMIT_LOGIN_PER_ACCOUNT]);
    let worst: Hit = { allowed: true, retryAfterSeconds: 0 };
    for (const [key, limit] of limits) {
      try {
        const { count, ttlSeconds } = await this.store.hit(key, window);
        if (count > limit && ttlSeconds > worst.retryAfterSeconds) worst = { allowed: false, retryAfterSeconds: ttlSeconds };
      } catch (err) {
        this.logger.event('warn', 'RateLimiter', 'rate limit store unavailable; request allowed', { error: (err as Error).message });
      }
    }
    if (!worst.allowed) {
      throw new DomainError('RATE_LIMITED', `Too many attempts: try again in ${worst.retryAfterSeconds} s`, { retryAfterSeconds: worst.retryAfterSeconds });
    }
  }

  onApplicationShutdown() {
    return this.store.close();
  }
}
