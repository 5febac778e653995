/** Sizes of the cron workloads: one place to read what a timed call does. */

/** Events per timed throughput call (trigger → claim → run → record). */
export const THROUGHPUT_EVENTS = 2000;
/** Handlers running at once in each worker process, for every contender. */
export const WORKERS = 4;
/** Worker processes of the multi-process workloads. */
export const REPLICAS = 3;
/** How often the parent counts completions while it waits for the last one. */
export const COMPLETION_POLL_MS = 20;
/** A timed call that has not completed every event by then fails (a stuck queue, not a slow one). */
export const COMPLETION_TIMEOUT_MS = 180_000;
/** How long a child process may take to boot (swc compiles its TypeScript on a busy machine). */
export const CHILD_READY_TIMEOUT_MS = 120_000;

/** Every-second schedule: the observed window of one round, after the replicas settle. */
export function everySecondWindowMs(quick: boolean): number {
  return quick ? 12_000 : 20_000;
}
/** Replicas settle this long after they all reported ready before the window opens. */
export const EVERY_SECOND_SETTLE_MS = 2_000;
/** Fires are collected this long after the window closes (a late fire is late, not missing). */
export const EVERY_SECOND_GRACE_MS = 2_000;

/** Webhook deliveries per second, open loop (sent on schedule, not after the previous answer). */
export const WEBHOOK_RATE = 100;
export function webhookSeconds(quick: boolean): number {
  return quick ? 5 : 10;
}
export const WEBHOOK_TOKEN = 'bench-cron-webhook-token';
