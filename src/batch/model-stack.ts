import type { ChatModel, ModelConfig } from '../models/index.ts';
import type { BatchClock } from './batch-clock.ts';
import { requestIdentity, withResponseCache } from './cached-chat-model.ts';
import type { EndpointPacers } from './endpoint-limiter.ts';
export type { EndpointPacers } from './endpoint-limiter.ts';
import { withMetering } from './metered-chat-model.ts';
import { withRateLimit } from './rate-limited-chat-model.ts';
import type { ResponseCache } from './response-cache.ts';
import type { AccountedRole, UsageLedger } from './usage-ledger.ts';

export interface ModelStackOptions {
  ledger: UsageLedger;
  /** One pacer per endpoint: in-process windows, or a run's windows in Redis (queue workers). */
  limiters: EndpointPacers;
  clock: BatchClock;
  /** Absent with `--no-cache`. */
  cache?: ResponseCache;
  /**
   * The bare model of a configuration. The stack owns the retries, so it is asked for models with the
   * SDK's retries off (`maxRetries: 0`): see `withRateLimit`.
   */
  createModel: (config: ModelConfig) => ChatModel;
}

/** A role's model, shared by every job: metered, then paced and retried by its endpoint's limiter. */
export interface RoleModel {
  role: AccountedRole;
  config: ModelConfig;
  model: ChatModel;
}

/**
 * Builds the decorators around every model a batch calls, outermost first:
 * response cache (per scope) → metering (per role) → rate limit and retries (per endpoint) → the SDK.
 * A cached answer is neither metered nor counted against a rate limit; every paid call is both.
 */
export class ModelStack {
  constructor(private readonly options: ModelStackOptions) {}

  role(role: AccountedRole, config: ModelConfig): RoleModel {
    const { ledger, limiters, clock } = this.options;
    const bare = this.options.createModel({ ...config, maxRetries: 0 });
    const limited = withRateLimit(bare, {
      limiter: limiters.for(config.baseURL, config.model),
      clock,
      maxRetries: config.maxRetries,
      ...(config.maxTokens !== undefined ? { maxCompletionTokens: config.maxTokens } : {}),
    });
    return { role, config, model: withMetering(limited, { ledger, role, priceName: config.model }) };
  }

  /** The role's model for one scope (a job and role, a blueprint's reviewer...): cached when the cache is on. */
  scoped(roleModel: RoleModel, scope: string): ChatModel {
    const { cache, ledger } = this.options;
    if (!cache) return roleModel.model;
    return withResponseCache(roleModel.model, {
      cache,
      identity: requestIdentity(roleModel.config),
      scope,
      onHit: () => ledger.recordCacheHit(roleModel.role, roleModel.model.id, roleModel.config.model),
    });
  }
}
