import type { Redis } from 'ioredis';
import type { BatchClock } from '../batch-clock.ts';
import { endpointKey, settledOnce, type EndpointLimits, type EndpointPacer, type EndpointPacers, type LimiterPermit } from '../endpoint-limiter.ts';
import { MINUTE_MS } from '../sliding-window-budget.ts';

/**
 * Takes a permit if both windows have room, atomically, on Redis's own clock (TIME): every worker of a run
 * charges the same sorted sets, so the any-60-s-window rule of SlidingWindowBudget holds across machines
 * whatever their clocks say. Replies {1, at, member} (granted at `at`), or {0, ms} (try again in ms).
 * KEYS: requests zset, tokens zset, token amounts hash, pause-until, sequence.
 * ARGV: requests per window (0 = off), tokens per window (0 = off), estimated tokens, window ms.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rpm = tonumber(ARGV[1])
local tpm = tonumber(ARGV[2])
local estimate = math.max(0, tonumber(ARGV[3]))
local window = tonumber(ARGV[4])
local paused = tonumber(redis.call('GET', KEYS[4]) or '0')
if paused > now then return {0, paused - now} end
local horizon = now - window
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', horizon)
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', horizon)
for i = 1, #expired do redis.call('HDEL', KEYS[3], expired[i]) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', horizon)
local wait = 0
if rpm > 0 then
  local excess = redis.call('ZCARD', KEYS[1]) + 1 - rpm
  if excess > 0 then
    local entry = redis.call('ZRANGE', KEYS[1], excess - 1, excess - 1, 'WITHSCORES')
    wait = math.max(wait, tonumber(entry[2]) + window - now)
  end
end
if tpm > 0 then
  local members = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
  local amounts = {}
  local total = 0
  for i = 1, #members, 2 do
    local amount = tonumber(redis.call('HGET', KEYS[3], members[i]) or '0')
    amounts[#amounts + 1] = amount
    total = total + amount
  end
  local excess = total + math.min(estimate, tpm) - tpm
  if excess > 0 then
    local until_room = window
    for i = 1, #amounts do
      excess = excess - amounts[i]
      if excess <= 0 then
        until_room = tonumber(members[2 * i]) + window - now
        break
      end
    end
    wait = math.max(wait, until_room)
  end
end
if wait > 0 then return {0, wait} end
local member = now .. ':' .. redis.call('INCR', KEYS[5])
if rpm > 0 then
  redis.call('ZADD', KEYS[1], now, member)
  redis.call('PEXPIRE', KEYS[1], window * 2)
end
if tpm > 0 then
  redis.call('ZADD', KEYS[2], now, member)
  redis.call('HSET', KEYS[3], member, estimate)
  redis.call('PEXPIRE', KEYS[2], window * 2)
  redis.call('PEXPIRE', KEYS[3], window * 2)
end
redis.call('PEXPIRE', KEYS[5], window * 2)
return {1, now, member}
`;

/** Replaces a charge's token estimate with the real figure, if the charge is still in the window. KEYS: amounts hash. ARGV: member, tokens. */
const CORRECT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], math.max(0, tonumber(ARGV[2]))) end
return 0
`;

/** Holds the endpoint back for ARGV[1] ms from Redis's now (pauses only extend). KEYS: pause-until. */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_at = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_at > current then redis.call('SET', KEYS[1], until_at, 'PX', math.max(1, until_at - now)) end
return 0
`;

interface LimiterCommands {
  interplayAcquire(requests: string, tokens: string, amounts: string, pause: string, sequence: string, rpm: number, tpm: number, estimate: number, windowMs: number): Promise<[number, number, string?]>;
  interplayCorrect(amounts: string, member: string, tokens: number): Promise<number>;
  interplayPause(pause: string, ms: number): Promise<number>;
}

/** Registers the limiter's scripts on a connection (once; ioredis sends each by its SHA after the first use). */
function limiterCommands(redis: Redis): LimiterCommands {
  const commands = redis as unknown as Partial<LimiterCommands>;
  if (!commands.interplayAcquire) {
    redis.defineCommand('interplayAcquire', { numberOfKeys: 5, lua: ACQUIRE });
    redis.defineCommand('interplayCorrect', { numberOfKeys: 1, lua: CORRECT });
    redis.defineCommand('interplayPause', { numberOfKeys: 1, lua: PAUSE });
  }
  return redis as unknown as LimiterCommands;
}

export interface RedisEndpointLimiterOptions {
  redis: Redis;
  /** The keys' prefix: the queue and the run (`interplay:<queue>:rate:<run>`); one endpoint's keys hang under it. */
  prefix: string;
  limits: EndpointLimits;
  /** Waits go through it; the windows themselves are read on Redis's clock. */
  clock: BatchClock;
  /** 60 s; shorter only in tests. */
  windowMs?: number;
}

/**
 * One endpoint's limiter with its windows in Redis, shared by every worker of the run: requests and tokens
 * per window (any window of `windowMs`, wherever it starts), and a 429's pause for everyone. `concurrency`
 * (requests in flight) is counted per process. `grants` lists each permit granted: the Redis time it was
 * granted at and the tokens it charged up front, for tests and stats.
 */
export class RedisEndpointLimiter implements EndpointPacer {
  readonly grants: Array<{ at: number; tokens: number }> = [];
  readonly #commands: LimiterCommands;
  readonly #keys: { requests: string; tokens: string; amounts: string; pause: string; sequence: string };
  readonly #windowMs: number;
  readonly #concurrency: number;
  #inFlight = 0;
  readonly #slotWaiters: Array<() => void> = [];
  readonly #writes = new Set<Promise<void>>();

  constructor(
    readonly endpoint: string,
    private readonly options: RedisEndpointLimiterOptions,
  ) {
    this.#commands = limiterCommands(options.redis);
    const base = `${options.prefix}:${endpoint}`;
    this.#keys = { requests: `${base}:requests`, tokens: `${base}:tokens`, amounts: `${base}:token-amounts`, pause: `${base}:paused-until`, sequence: `${base}:sequence` };
    this.#windowMs = options.windowMs ?? MINUTE_MS;
    this.#concurrency = options.limits.concurrency && options.limits.concurrency > 0 ? options.limits.concurrency : Number.POSITIVE_INFINITY;
  }

  async acquire(estimatedTokens: number, signal?: AbortSignal): Promise<LimiterPermit> {
    signal?.throwIfAborted();
    await this.#slot(signal);
    try {
      const { requestsPerMinute = 0, tokensPerMinute = 0 } = this.options.limits;
      const keys = this.#keys;
      for (;;) {
        signal?.throwIfAborted();
        const [granted, value, member] = await this.#commands.interplayAcquire(keys.requests, keys.tokens, keys.amounts, keys.pause, keys.sequence, requestsPerMinute, tokensPerMinute, Math.max(0, estimatedTokens), this.#windowMs);
        if (granted === 1) {
          const tokens = Math.max(0, estimatedTokens);
          this.grants.push({ at: Number(value), tokens });
          return this.#permit(tokens, String(member));
        }
        await this.options.clock.sleep(Number(value), signal);
      }
    } catch (error) {
      this.#release();
      throw error;
    }
  }

  pauseFor(ms: number): void {
    this.#write(this.#commands.interplayPause(this.#keys.pause, Math.max(0, Math.ceil(ms))));
  }

  /** Resolves once the pauses and token corrections sent so far are in Redis. */
  async flush(): Promise<void> {
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }

  /** A write nobody waits for (a pause, a correction): a failure only loses that correction, never a permit. */
  #write(pending: Promise<unknown>): void {
    const write: Promise<void> = pending.then(
      () => undefined,
      () => undefined,
    );
    this.#writes.add(write);
    void write.then(() => this.#writes.delete(write));
  }

  #permit(estimatedTokens: number, member: string): LimiterPermit {
    return settledOnce(estimatedTokens, (actualTokens) => {
      this.#release();
      if (actualTokens !== undefined && this.options.limits.tokensPerMinute) this.#write(this.#commands.interplayCorrect(this.#keys.amounts, member, actualTokens));
    });
  }

  async #slot(signal: AbortSignal | undefined): Promise<void> {
    while (this.#inFlight >= this.#concurrency) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.#slotWaiters.splice(this.#slotWaiters.indexOf(wake), 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.#slotWaiters.push(wake);
      });
    }
    this.#inFlight += 1;
  }

  #release(): void {
    this.#inFlight -= 1;
    this.#slotWaiters.shift()?.();
  }
}

/** The Redis limiters of one run, one per endpoint. */
export class RedisEndpointLimiters implements EndpointPacers {
  readonly #limiters = new Map<string, RedisEndpointLimiter>();

  constructor(private readonly options: RedisEndpointLimiterOptions) {}

  for(baseURL: string, model: string): RedisEndpointLimiter {
    const key = endpointKey(baseURL, model);
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new RedisEndpointLimiter(key, this.options);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }
}
