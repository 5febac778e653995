import { Injectable } from '@nestjs/common';
import { CronConfigurationError, UnknownJobError } from './common/errors';
import type { JobDefinition } from './interfaces/job-definition.interface';
import type { ScheduledTrigger, WebhookTrigger } from './interfaces/trigger.interface';
import { messages } from './common/messages';
import type { DeclaredJobs } from './runtime/declared-jobs.interface';
import type { FireSchedule } from './schedule/fire-schedule.interface';
import { scheduleFor } from './schedule/schedule-for';
import { cronExpressionProblem } from './schedule/validate';

/** The declared jobs of this application, by name: the runtime API's source of truth. */
@Injectable()
export class CronRegistry implements DeclaredJobs {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly schedules = new Map<string, FireSchedule>();
  private schedulesChecked = false;

  register(job: JobDefinition): void {
    const existing = this.jobs.get(job.name);
    if (existing) {
      throw new CronConfigurationError(messages.duplicateJob(job.name, existing.owner, job.owner), {
        job: job.name,
        option: 'name',
      });
    }
    if (job.trigger.kind === 'webhook') {
      const path = job.trigger.path;
      const clash = this.all().find(
        (j) => j.trigger.kind === 'webhook' && (j.trigger as WebhookTrigger).path === path,
      );
      if (clash)
        throw new CronConfigurationError(
          messages.badOption(
            job.name,
            'trigger.webhook',
            messages.webhookPathTaken(path, clash.name),
          ),
          { job: job.name, option: 'trigger.webhook' },
        );
    }
    this.jobs.set(job.name, job);
    this.schedulesChecked = false;
  }

  all(): JobDefinition[] {
    return [...this.jobs.values()];
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  get(name: string): JobDefinition {
    const job = this.jobs.get(name);
    if (!job) throw new UnknownJobError(messages.unknownJob(name, this.names()), { job: name });
    return job;
  }

  byWebhookPath(path: string): JobDefinition | undefined {
    return this.all().find((j) => j.trigger.kind === 'webhook' && j.trigger.path === path);
  }

  /**
   * Checks every cron expression (this loads the cron parser, which `--help` never needs,
   * so it runs when the runtime starts or a command needs schedules, not at module init).
   */
  validateSchedules(): void {
    if (this.schedulesChecked) return;
    for (const job of this.all()) {
      if (job.trigger.kind !== 'cron') continue;
      const problem = cronExpressionProblem(job.trigger.expression, job.trigger.timezone);
      if (problem)
        throw new CronConfigurationError(messages.badOption(job.name, 'trigger.cron', problem), {
          job: job.name,
          option: 'trigger.cron',
        });
    }
    this.schedulesChecked = true;
  }

  schedule(job: JobDefinition & { trigger: ScheduledTrigger }): FireSchedule {
    let schedule = this.schedules.get(job.name);
    if (!schedule) {
      this.validateSchedules();
      schedule = scheduleFor(job.trigger);
      this.schedules.set(job.name, schedule);
    }
    return schedule;
  }
}
