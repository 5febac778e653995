import type { INestApplicationContext } from '@nestjs/common';
import { CronOrchestrator } from '../cron.orchestrator';
import { CronRegistry } from '../cron.registry';
import { CronService } from '../cron.service';
import { FireScheduler } from '../runtime/fire-scheduler';
import { VirtualClock } from './virtual-clock';

/**
 * Drives the cron runtime of a test application by hand: no timers, no sleeping. Build the
 * application with `RegistersCronModule.forRoot({ clock, autoStart: false })`, then move the
 * clock and call `runDue()` to insert the fires that are due and run every due event.
 */
export class CronTestKit {
  private scheduler!: FireScheduler;

  private constructor(
    readonly app: INestApplicationContext,
    readonly clock: VirtualClock,
    readonly service: CronService,
    private readonly orchestrator: CronOrchestrator,
    private readonly registry: CronRegistry,
  ) {}

  static async create(app: INestApplicationContext): Promise<CronTestKit> {
    const orchestrator = app.get(CronOrchestrator);
    if (!(orchestrator.clock instanceof VirtualClock))
      throw new Error(
        'CronTestKit needs RegistersCronModule.forRoot({ clock: new VirtualClock(), autoStart: false })',
      );
    const kit = new CronTestKit(
      app,
      orchestrator.clock,
      app.get(CronService),
      orchestrator,
      app.get(CronRegistry),
    );
    await kit.startInstance();
    return kit;
  }

  get engine() {
    return this.orchestrator.engine;
  }

  /**
   * Behaves like an instance starting now: records the jobs and applies each job's
   * catch-up policy to the fires missed since the last fire inserted.
   */
  async startInstance(): Promise<void> {
    this.registry.validateSchedules();
    await this.engine.store.ensureReady();
    await this.engine.syncJobs();
    this.scheduler = new FireScheduler(this.registry, this.engine.store, this.clock.now());
    await this.scheduler.catchUp(this.clock.now());
  }

  /** Inserts the fires due by now, recovers expired claims, and runs every due event. Returns how many ran. */
  async runDue(): Promise<number> {
    await this.scheduler.tick(this.clock.now());
    await this.engine.reapExpired();
    return this.engine.drain();
  }

  /** Moves the clock, then `runDue()`. */
  async advance(by: Parameters<VirtualClock['advance']>[0]): Promise<number> {
    this.clock.advance(by);
    return this.runDue();
  }
}
