import { Arg, CliCommand, CliMcpPreset, CommandContext, Ctx } from '@registers/cli';
import { parsePayload } from './command-args';
import { JobRunFailedError } from './cron-command.errors';
import { jobRow, listOutput, printLine, ranLine, runText } from './cron-output';
import { CronHistoryCommands } from './history.commands';

const PAYLOAD_HELP = 'Payload as JSON (default {})';

/** `cron jobs`, `cron run`, `cron trigger`: the declared jobs, running one here, queueing one. */
export abstract class CronJobCommands extends CronHistoryCommands {
  @CliCommand('jobs', {
    description: 'List the declared jobs: trigger, next fire, paused or not',
    mcp: { readOnly: true },
  })
  async jobs(@Ctx() ctx: CommandContext) {
    return listOutput(ctx.output, await this.cron.jobs(), jobRow, 'No jobs are declared.');
  }

  @CliCommand('run', {
    description:
      'Run a job in this process now and record it (--scheduled: the fire due now, once)',
    examples: ['cron run rebuild --payload \'{"dry_run":true}\'', 'cron run nightly --scheduled'],
  })
  async run(
    @Arg('job', { help: 'Job name' }) job: string,
    @Arg('payload', { optional: true, help: PAYLOAD_HELP }) payload: string | undefined,
    @Arg('scheduled', {
      help: 'Run the latest fire due now under its key (for external schedulers)',
    })
    scheduled: boolean,
    @Ctx() ctx: CommandContext,
  ) {
    const result = await this.cron.run(job, parsePayload(payload), { scheduled });
    const run = result.run;
    if (run && (run.status === 'failed' || run.status === 'timeout')) {
      if (ctx.output !== 'json') printLine(ranLine(run));
      throw new JobRunFailedError(run);
    }
    return ctx.output === 'plain' ? runText(job, result) : { job, ...result };
  }

  @CliCommand('trigger', {
    description: 'Queue an event for a job (a worker of `cron start` runs it)',
    examples: ['cron trigger rebuild --payload \'{"dry_run":true}\''],
    // Under `mcp`, also one `cron_trigger_<job>` tool per manual job.
    mcp: { presets: (commands: CronJobCommands) => commands.manualTriggerPresets() },
  })
  async trigger(
    @Arg('job', { help: 'Job name' }) job: string,
    @Arg('payload', { optional: true, help: PAYLOAD_HELP }) payload: string | undefined,
    @Arg('idempotencyKey', {
      optional: true,
      help: 'A repeated trigger with this key returns the first event',
    })
    idempotencyKey: string | undefined,
    @Ctx() ctx: CommandContext,
  ) {
    const eventId = await this.cron.trigger(
      job,
      parsePayload(payload),
      idempotencyKey !== undefined ? { idempotencyKey } : {},
    );
    return ctx.output === 'plain' ? `Triggered ${job}: event ${eventId}` : { job, eventId };
  }

  /** `cron trigger` with the job fixed, for each job that runs only when triggered. */
  manualTriggerPresets(): CliMcpPreset[] {
    return this.registry
      .all()
      .filter((job) => job.trigger.kind === 'manual')
      .map((job) => ({
        suffix: job.name,
        description: `Queue an event for job '${job.name}'${job.description ? `: ${job.description}` : ''}`,
        arguments: { job: job.name },
      }));
  }
}
