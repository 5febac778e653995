import { OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Arg, CliCommand, CliGroup, CommandContext, Ctx, DryRun, UsageError } from '@registers/cli';
import { applyArtifacts, ARTIFACT_TARGETS, type ArtifactTarget } from '../artifacts';
import { DEFAULT_WORKERS, REGISTERS_CRON_OPTIONS } from '../common/constants';
import { CronRegistry } from '../cron.registry';
import { CronService } from '../cron.service';
import { CronConfigurationError } from '../common/errors';
import type { RegistersCronModuleOptions } from '../interfaces/cron-module-options.interface';
import type { WorkflowRecord } from '../interfaces/records.interface';
import { parseObjectPayload, parsePayload, positiveInteger } from './command-args';
import { CRON_COMMANDS_DESCRIPTION, DEFAULT_CRON_COMMAND_GROUP } from './commands.constants';
import { JobRunFailedError, WorkflowCommandFailedError } from './cron-command.errors';
import {
  applyText,
  artifactsText,
  eventRow,
  explainRow,
  jobRow,
  listOutput,
  printLine,
  ranLine,
  runRow,
  runText,
  skippedLine,
  startedLine,
  statusText,
  workflowRow,
} from './cron-output';
import { artifactJob, consoleArtifactContext, generateFor, writeArtifacts } from './deployment';
import { runUntilStopSignal } from './foreground';
import { runShellCommand } from './shell-command';

const PAYLOAD_HELP = 'Payload as JSON (default {})';

/**
 * `cron …` operator commands over the application's CronService. Nothing here starts timers
 * or workers except `cron start`; the database opens when a command first needs it.
 */
@CliGroup(DEFAULT_CRON_COMMAND_GROUP, { description: CRON_COMMANDS_DESCRIPTION })
export class CronCommands implements OnModuleInit {
  private service?: CronService;
  private jobRegistry?: CronRegistry;
  private moduleOptions: RegistersCronModuleOptions = {};

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    try {
      this.service = this.moduleRef.get(CronService, { strict: false });
      this.jobRegistry = this.moduleRef.get(CronRegistry, { strict: false });
      this.moduleOptions = this.moduleRef.get(REGISTERS_CRON_OPTIONS, { strict: false });
    } catch {
      throw new CronConfigurationError(
        'RegistersCronCommandsModule: no CronService. Import RegistersCronModule.forRoot({ autoStart: false }) in the console module.',
      );
    }
  }

  private get cron(): CronService {
    return this.service!;
  }

  private get registry(): CronRegistry {
    return this.jobRegistry!;
  }

  @CliCommand('jobs', { description: 'List the declared jobs: trigger, next fire, paused or not' })
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

  @CliCommand('status', {
    description: 'Counts of events and runs by state, and the live instances',
  })
  async status(@Ctx() ctx: CommandContext) {
    const status = await this.cron.status();
    return ctx.output === 'plain' ? statusText(status) : status;
  }

  @CliCommand('history', { description: 'The latest runs, newest first' })
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

  @CliCommand('dead-letters', { description: 'Events that failed every attempt' })
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
  })
  explain(
    @Arg('job', { help: 'Job name' }) job: string,
    @Arg('count', { default: 5, help: 'How many fires' }) count: number,
    @Ctx() ctx: CommandContext,
  ) {
    const fires = this.cron.explain(job, { count: positiveInteger(count, 'count') });
    return listOutput(ctx.output, fires, explainRow, `${job} has no coming fires.`);
  }

  @CliCommand('start', {
    description: 'Run the scheduler and workers in the foreground until SIGTERM or SIGINT',
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

  @CliCommand('generate', {
    description: 'Print (or --write) the deployment files of the scheduled jobs for a target',
    examples: [
      'cron generate --target linux_cron',
      'cron generate --target kubernetes --job nightly --write',
    ],
  })
  generate(
    @Arg('target', {
      optional: true,
      choices: ARTIFACT_TARGETS,
      help: "Where the jobs run (default: each job's own target)",
    })
    target: ArtifactTarget | undefined,
    @Arg('job', { optional: true, help: 'Only this job' }) job: string | undefined,
    @Arg('write', { help: 'Write each file to its deployment path under the working directory' })
    write: boolean,
    @Ctx() ctx: CommandContext,
  ) {
    const jobs = job !== undefined ? [this.registry.get(job)] : this.registry.all();
    const { artifacts, skipped } = generateFor(
      jobs.map(artifactJob),
      target,
      consoleArtifactContext(),
    );
    for (const s of skipped) ctx.log(skippedLine(s));
    if (write) return this.write(artifacts, ctx);
    if (ctx.output !== 'plain') return artifacts;
    return artifacts.length > 0 ? artifactsText(artifacts) : 'Nothing to generate.';
  }

  private async write(artifacts: Parameters<typeof writeArtifacts>[0], ctx: CommandContext) {
    const paths = await writeArtifacts(artifacts, process.cwd());
    if (ctx.output !== 'plain') {
      return artifacts.map((a) => ({ target: a.target, job: a.job, path: a.path }));
    }
    return paths.length > 0 ? paths.map((p) => `Wrote ${p}`).join('\n') : 'Nothing to write.';
  }

  @CliCommand('apply', {
    description: "Install the jobs in the host's scheduler (linux_cron: the user's crontab)",
    examples: ['cron apply --target linux_cron --dry-run'],
  })
  @DryRun()
  async apply(
    @Arg('target', { choices: ARTIFACT_TARGETS, help: 'Scheduler to install into' })
    target: ArtifactTarget,
    @Ctx() ctx: CommandContext,
  ) {
    const generated = generateFor(
      this.registry.all().map(artifactJob),
      target,
      consoleArtifactContext(),
    );
    for (const s of generated.skipped) ctx.log(skippedLine(s));
    const result = await applyArtifacts(generated, target, { dryRun: ctx.dryRun });
    return ctx.output === 'plain'
      ? applyText(result, ctx.dryRun)
      : { ...result, dryRun: ctx.dryRun };
  }

  @CliCommand('workflows', { description: 'List the registered workflows' })
  async workflows(@Ctx() ctx: CommandContext) {
    return listOutput(
      ctx.output,
      await this.cron.workflows(),
      workflowRow,
      'No workflows registered.',
    );
  }

  @CliCommand('register-workflow', {
    description: 'Register a workflow file run by a job (--job) or a shell command (--command)',
    examples: [
      'cron register-workflow nightly-report --file reports/nightly.sql --job nightly',
      'cron register-workflow cleanup --file scripts/cleanup.sh --command "sh scripts/cleanup.sh"',
    ],
  })
  async registerWorkflow(
    @Arg('name', { help: 'Workflow name' }) name: string,
    @Arg('file', { help: 'The workflow file' }) file: string,
    @Arg('job', { optional: true, help: 'Job triggered with { workflow, file } in its payload' })
    job: string | undefined,
    @Arg('command', { optional: true, help: 'Shell command run instead of a job' })
    command: string | undefined,
    @Ctx() ctx: CommandContext,
  ) {
    if ((job === undefined) === (command === undefined)) {
      throw new UsageError('Give exactly one of --job <job> or --command <shell command>.', {
        argument: job === undefined ? 'job' : 'command',
      });
    }
    const workflow = await this.cron.registerWorkflow(
      job !== undefined ? { name, file, job } : { name, file, command: command! },
    );
    return ctx.output === 'plain'
      ? `Registered workflow ${name}: ${file}, runs ${workflowRow(workflow).runs}`
      : workflow;
  }

  @CliCommand('run-workflow', {
    description:
      "Run a workflow: trigger its job, or run its command and exit with the command's code",
  })
  async runWorkflow(
    @Arg('name', { help: 'Workflow name' }) name: string,
    @Arg('payload', { optional: true, help: 'JSON object merged into the job payload' })
    payload: string | undefined,
    @Ctx() ctx: CommandContext,
  ) {
    const extra = parseObjectPayload(payload);
    const workflow = await this.cron.workflow(name);
    if (workflow.job === null) return this.runWorkflowCommand(workflow, extra, ctx);
    const eventId = await this.cron.trigger(workflow.job, {
      ...extra,
      workflow: workflow.name,
      file: workflow.file,
    });
    return ctx.output === 'plain'
      ? `Triggered ${workflow.job} for workflow ${workflow.name}: event ${eventId}`
      : { workflow: workflow.name, job: workflow.job, eventId };
  }

  private async runWorkflowCommand(
    workflow: WorkflowRecord,
    payload: Record<string, unknown>,
    ctx: CommandContext,
  ) {
    const command = workflow.command!;
    const result = await runShellCommand(command, {
      env: {
        ...process.env,
        REGISTERS_WORKFLOW: workflow.name,
        REGISTERS_WORKFLOW_FILE: workflow.file,
        REGISTERS_WORKFLOW_PAYLOAD: JSON.stringify(payload),
      },
      echo: ctx.output !== 'json',
    });
    if (result.exitCode !== 0) {
      const how = result.signal
        ? `was killed by ${result.signal}`
        : `exited with code ${result.exitCode}`;
      throw new WorkflowCommandFailedError(workflow.name, command, result.exitCode, how);
    }
    return ctx.output === 'json' ? { workflow: workflow.name, command, ...result } : undefined;
  }
}
