import { Arg, CliCommand, CommandContext, Ctx, UsageError } from '@registers/cli';
import type { WorkflowRecord } from '../interfaces/records.interface';
import { parseObjectPayload } from './command-args';
import { WorkflowCommandFailedError } from './cron-command.errors';
import { listOutput, workflowRow } from './cron-output';
import { runShellCommand } from './shell-command';
import { CronCommandsBase } from './cron-commands.base';
import { messages } from '../common/messages';

/** `cron workflows`, `cron register-workflow`, `cron run-workflow`: workflow files run by a job or a shell command. */
export abstract class CronWorkflowCommands extends CronCommandsBase {
  @CliCommand('workflows', {
    description: 'List the registered workflows',
    mcp: { readOnly: true },
  })
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
    // It stores a shell command to run later: an MCP client may not register one.
    mcp: { expose: false },
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
      throw new UsageError(messages.jobOrCommand, {
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
        ? messages.killedBy(result.signal)
        : messages.exitedWith(result.exitCode);
      throw new WorkflowCommandFailedError(workflow.name, command, result.exitCode, how);
    }
    return ctx.output === 'json' ? { workflow: workflow.name, command, ...result } : undefined;
  }
}
