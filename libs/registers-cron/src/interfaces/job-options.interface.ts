import type { ArtifactTarget } from './artifact-target.interface';
import type { TriggerDefinition } from './trigger.interface';

export type RetryPolicyName = 'none' | 'fixed' | 'exponential';

export interface RetryOptions {
  /** `none`: a failure is final (`failed`); `fixed`: constant delay; `exponential`: base × 2^(attempt−1). */
  policy: RetryPolicyName;
  /** Attempts in all, the first included. Default 3 when a policy other than `none` is set. */
  maxAttempts?: number;
  /** Delay before a retry (fixed) or its base (exponential). Default 1. */
  backoffSeconds?: number;
  /** Cap of an exponential delay. Default: no cap. */
  maxBackoffSeconds?: number;
  /** Adds a random 0..jitterSeconds to each delay. Default 0. */
  jitterSeconds?: number;
}

/** What a fire does while an earlier run of the same job is still running. */
export type OverlapPolicy = 'allow' | 'skip' | 'queue';
/** What happens to fires missed while no instance was running. */
export type CatchUpPolicy = 'skip' | 'latest' | 'all';

export interface JobOptions {
  /** Default: the method name in kebab-case (`rebuildIndex` → `rebuild-index`). */
  name?: string;
  /** Default: `Trigger.manual()`. */
  trigger?: TriggerDefinition;
  description?: string;
  /** Default: no retry. */
  retry?: RetryOptions;
  /** Aborts `ctx.signal` after this many seconds; the run ends `timeout` and counts as a failure. */
  maxRuntimeSeconds?: number;
  /** Default `allow`. */
  overlap?: OverlapPolicy;
  /** Default `skip`. */
  catchUp?: CatchUpPolicy;
  /** How far back `catchUp: 'all'` reaches. Default one day. */
  catchUpWindowSeconds?: number;
  tags?: string[];
  /** `false` declares the job without scheduling or running it. Default true. */
  enabled?: boolean;
  /** Where `cron generate --write` puts this job's artifact. */
  deploymentFile?: string;
  /** The deployment target `cron generate` uses when none is given. Default `local_async`. */
  target?: ArtifactTarget;
}
