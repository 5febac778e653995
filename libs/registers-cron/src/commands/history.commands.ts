import { Arg, CliCommand, CommandContext, Ctx } from '@registers/cli';
import { positiveInteger } from './command-args';
import { eventRow, listOutput, runRow, statusText } from './cron-output';
import { CronScheduleCommands } from './schedule.commands';

/** `cron status`, `cron history`, `cron dead-letters`, `cron retry`: what ran, what failed, and trying again. */
export abstract class CronHistoryCommands extends CronScheduleCommands {
  @CliCommand('status', {
    description: 'Counts of events and runs by state, and the live instances',
    mcp: { readOnly: true },
  })
  async status(@Ctx() ctx: CommandContext) {
    const status = await this.cron.status();
    return ctx.output === 'plain' ? statusText(status) : status;
  }

  @CliCommand('history', {
    description: 'The latest runs, newest first',
    mcp: { readOnly: true },
  })
  async history(
    @Arg('job', { optional: true, help: 'Only the runs of this job' }) job: string | undefined,
    @Arg('limit', { default: 20, help: 'How many runs' }) limit: number,
    @Ctx() ctx: CommandContext,
  ) {
    const runs = await this.cron.history({
      ...(job !== undefined ? { job } : {}),
      limit: positiveInteger(limit, 'limit'),
    });
    const empty = job !== undefined ? `No runs of ${job} recorded.` : 'No runs recorded.';
    return listOutput(ctx.output, runs, runRow, empty);
  }

  @CliCommand('dead-letters', {
    description: 'Events that failed every attempt',
    mcp: { readOnly: true },
  })
  async deadLetters(@Ctx() ctx: CommandContext) {
    return listOutput(ctx.output, await this.cron.deadLetters(), eventRow, 'No dead letters.');
  }

  @CliCommand('retry', { description: 'Queue a failed or dead-letter event again' })
  async retry(
    @Arg('eventId', { help: 'Event id (from `cron dead-letters`)' }) eventId: number,
    @Ctx() ctx: CommandContext,
  ) {
    const event = await this.cron.retry(eventId);
    return ctx.output === 'plain'
      ? `Event ${event.id} (${event.job}) is ${event.status} again.`
      : event;
  }
}
