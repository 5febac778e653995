/** What makes a job run. Built by the `Trigger` factory; plain data, safe to log (no secrets in `describe`). */
export interface IntervalTrigger {
  kind: 'interval';
  /** The period. Fires are aligned to multiples of it since the Unix epoch, plus `offsetSeconds`. */
  everySeconds: number;
  offsetSeconds: number;
}

export interface CronTrigger {
  kind: 'cron';
  /** 5-field, 6-field (seconds first) or a nickname such as `@daily`. */
  expression: string;
  /** IANA zone the expression is read in. Default `UTC`. */
  timezone: string;
}

export interface ManualTrigger {
  kind: 'manual';
}

export interface WebhookTrigger {
  kind: 'webhook';
  /** Path under the module's `webhookPrefix`, with a leading `/` (`/deploy`). */
  path: string;
  /**
   * Bearer token, or a function read on every call (`() => process.env.DEPLOY_TOKEN`), so the
   * token comes from configuration at request time. A missing token (undefined or '') refuses
   * every call with 401.
   */
  token?: string | (() => string | undefined);
  /** When set, the body must carry an HMAC-SHA256 signature and a fresh timestamp. */
  hmacSecret?: string;
  /** How old a signed timestamp may be, in seconds (default 300). */
  replayWindowSeconds?: number;
}

export interface FileChangeTrigger {
  kind: 'fileChange';
  /** picomatch globs, relative to `cwd`. */
  globs: string[];
  debounceMs: number;
  /** Base folder of the globs; default the process's working directory. */
  cwd?: string;
  /** Globs to ignore. */
  ignore?: string[];
}

/** Triggers with a time schedule: each fire has a key (job, scheduled instant in UTC). */
export type ScheduledTrigger = IntervalTrigger | CronTrigger;

export type TriggerDefinition =
  IntervalTrigger | CronTrigger | ManualTrigger | WebhookTrigger | FileChangeTrigger;

export type TriggerKind = TriggerDefinition['kind'];
