import { Arg, CliCommand, CommandContext, Ctx } from '@registers/cli';
import { DEFAULT_WORKERS } from '../common/constants';
import { positiveInteger } from './command-args';
import { printLine, startedLine } from './cron-output';
import { runUntilStopSignal } from './foreground';
import { CronDeploymentCommands } from './deployment.commands';

/** `cron start`: the scheduler and workers in the foreground, the only command that starts them. */
export abstract class CronStartCommand extends CronDeploymentCommands {
  @CliCommand('start', {
    description: 'Run the scheduler and workers in the foreground until SIGTERM or SIGINT',
    // It runs until stopped: not a tool call.
    mcp: { expose: false },
  })
  async start(
    @Arg('workers', {
      optional: true,
      type: 'number',
      help: `Concurrent handlers (default ${DEFAULT_WORKERS})`,
    })
    workers: number | undefined,
    @Arg('leaseSeconds', {
      optional: true,
      type: 'number',
      help: 'Claim lease in seconds (default 30)',
    })
    leaseSeconds: number | undefined,
    @Ctx() ctx: CommandContext,
  ) {
    const options = {
      workers: positiveInteger(workers, 'workers') ?? this.moduleOptions.workers ?? DEFAULT_WORKERS,
      ...(leaseSeconds !== undefined
        ? { leaseSeconds: positiveInteger(leaseSeconds, 'lease-seconds') }
        : {}),
    };
    const signal = await runUntilStopSignal({
      start: async () => {
        await this.cron.start(options);
        const jobs = this.registry.all().length;
        printLine(startedLine(this.cron.instanceId, jobs, options.workers));
      },
      stop: () => this.cron.stop(),
    });
    const instance = this.cron.instanceId;
    return ctx.output === 'plain'
      ? `Cron stopped (${signal}): instance ${instance}`
      : { instance, stoppedBy: signal };
  }
}
