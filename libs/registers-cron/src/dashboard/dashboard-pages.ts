import { RUN_STATUSES } from '../common/constants';
import type { JobSummary } from '../interfaces/records.interface';
import type { ExplainedFire } from '../schedule/fire-schedule.interface';
import { deadLettersPage } from './dead-letters-page';
import type { DashboardSource } from './dashboard-source';
import { eventPage } from './event-page';
import type { Html } from './html';
import { instancesPage } from './instances-page';
import { jobsPage } from './jobs-page';
import { runsPage } from './runs-page';
import type { ViewContext } from './view-context';

/** Runs drawn in each job's chart. */
const CHART_RUNS = 50;
const DEAD_LETTERS_SHOWN = 200;

/** The runs page's query, as given (anything else is ignored). */
export interface RunsQuery {
  job?: string;
  status?: string;
  before?: string;
}

const positiveInt = (text: string | undefined): number | undefined =>
  text !== undefined && /^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined;

/** Reads what each page shows from the cron runtime and renders it. */
export class DashboardPages {
  constructor(
    private readonly source: DashboardSource,
    private readonly pageSize: number,
  ) {}

  private nextFires(job: JobSummary): ExplainedFire[] {
    if (job.paused || !job.enabled || (job.kind !== 'cron' && job.kind !== 'interval')) return [];
    return this.source.explain(job.name, { count: 3 });
  }

  async jobs(ctx: ViewContext): Promise<Html> {
    const jobs = await this.source.jobs();
    const rows = await Promise.all(
      jobs.map(async (job) => ({
        job,
        nextFires: this.nextFires(job),
        runs: await this.source.history({ job: job.name, limit: CHART_RUNS }),
      })),
    );
    return jobsPage(ctx, rows);
  }

  async runs(ctx: ViewContext, q: RunsQuery): Promise<Html> {
    const jobs = (await this.source.jobs()).map((j) => j.name);
    const job = q.job && jobs.includes(q.job) ? q.job : undefined;
    const status =
      q.status && (RUN_STATUSES as readonly string[]).includes(q.status) ? q.status : undefined;
    const beforeId = positiveInt(q.before);
    const page = await this.source.history({
      ...(job ? { job } : {}),
      ...(status ? { status } : {}),
      ...(beforeId !== undefined ? { beforeId } : {}),
      limit: this.pageSize + 1,
    });
    const runs = page.slice(0, this.pageSize);
    const last = runs[runs.length - 1];
    return runsPage(ctx, {
      runs,
      jobs,
      ...(job ? { job } : {}),
      ...(status ? { status } : {}),
      ...(page.length > this.pageSize && last ? { olderThan: last.id } : {}),
      paged: beforeId !== undefined,
    });
  }

  async event(ctx: ViewContext, id: number): Promise<Html> {
    const event = await this.source.event(id);
    const runs = await this.source.history({ eventId: id, limit: 1000 });
    return eventPage(ctx, event, runs);
  }

  async deadLetters(ctx: ViewContext): Promise<Html> {
    return deadLettersPage(ctx, await this.source.deadLetters(DEAD_LETTERS_SHOWN));
  }

  async instances(ctx: ViewContext): Promise<Html> {
    const { instances } = await this.source.status();
    return instancesPage(ctx, instances, this.source.instanceId);
  }
}
