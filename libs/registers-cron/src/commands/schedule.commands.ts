import { Arg, CliCommand, CommandContext, Ctx } from '@registers/cli';
import { positiveInteger } from './command-args';
import { explainRow, listOutput } from './cron-output';
import { CronStartCommand } from './start.command';

/** `cron pause`, `cron resume`, `cron explain`: a job's schedule. */
export abstract class CronScheduleCommands extends CronStartCommand {
  @CliCommand('pause', { description: 'Stop scheduling and triggering a job' })
  async pause(@Arg('job', { help: 'Job name' }) job: string, @Ctx() ctx: CommandContext) {
    await this.cron.pause(job);
    return ctx.output === 'plain' ? `Paused ${job}.` : { job, paused: true };
  }

  @CliCommand('resume', {
    description: 'Schedule a paused job again (fires missed meanwhile are not run)',
  })
  async resume(@Arg('job', { help: 'Job name' }) job: string, @Ctx() ctx: CommandContext) {
    await this.cron.resume(job);
    return ctx.output === 'plain' ? `Resumed ${job}.` : { job, paused: false };
  }

  @CliCommand('explain', {
    description: 'The next fires of a job in its time zone, with DST notes',
    mcp: { readOnly: true },
  })
  explain(
    @Arg('job', { help: 'Job name' }) job: string,
    @Arg('count', { default: 5, help: 'How many fires' }) count: number,
    @Ctx() ctx: CommandContext,
  ) {
    const fires = this.cron.explain(job, { count: positiveInteger(count, 'count') });
    return listOutput(ctx.output, fires, explainRow, `${job} has no coming fires.`);
  }
}
