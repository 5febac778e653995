/**
 * The child side of bench/cron/children.ts: reads the JSON config, reports to the bench over
 * IPC, ends with the bench (IPC channel closed) and shuts down gracefully on SIGTERM.
 */
export function childConfig<T>(): T {
  return JSON.parse(process.env.BENCH_CRON_CONFIG ?? '{}') as T;
}

export function tell(message: { type: string; [key: string]: unknown }): void {
  process.send?.(message);
}

/**
 * Runs `start`, which returns the child's stop function and what its `ready` message carries;
 * exits 1 (with the error on stderr) when it throws.
 */
export function runChild(
  start: () => Promise<{ stop: () => Promise<void>; ready?: Record<string, unknown> }>,
): void {
  process.on('disconnect', () => process.exit(1));
  start().then(
    ({ stop, ready }) => {
      process.once('SIGTERM', () => {
        stop().then(
          () => process.exit(0),
          (error) => {
            console.error(error);
            process.exit(1);
          },
        );
      });
      tell({ type: 'ready', pid: process.pid, ...ready });
    },
    (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
