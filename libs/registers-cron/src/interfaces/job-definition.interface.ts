import type { ArtifactTarget } from './artifact-target.interface';
import type { CatchUpPolicy, OverlapPolicy, RetryPolicyName } from './job-options.interface';
import type { TriggerDefinition } from './trigger.interface';

export interface ResolvedRetry {
  policy: RetryPolicyName;
  maxAttempts: number;
  backoffSeconds: number;
  maxBackoffSeconds?: number;
  jitterSeconds: number;
}

/** Which handler parameter gets what. */
export type JobParam = 'payload' | 'event' | 'ctx';

/** A declared job, validated, with its handler. */
export interface JobDefinition {
  name: string;
  trigger: TriggerDefinition;
  description?: string;
  retry: ResolvedRetry;
  maxRuntimeSeconds?: number;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  catchUpWindowSeconds: number;
  tags: string[];
  enabled: boolean;
  deploymentFile?: string;
  target?: ArtifactTarget;
  /** `ClassName.method`, for messages. */
  owner: string;
  /** Calls the handler with its parameters in declaration order. */
  invoke(args: unknown[]): unknown;
  params: Array<JobParam | undefined>;
}
