import { CommandExecutionError } from '@registers/cli';
import { CronError } from '../common/errors';
import { messages } from '../common/messages';
import type { RunRecord } from '../interfaces/records.interface';

/** `cron run` ran the job and the attempt failed or timed out. Exit code 1. */
export class JobRunFailedError extends CronError {
  constructor(run: RunRecord) {
    super(run.error ?? messages.runEnded(run.status), {
      job: run.job,
      eventId: run.eventId,
      attempt: run.attempt,
      status: run.status,
    });
  }
}

/** `cron run-workflow` ran a workflow's shell command and it failed: the console exits with its code. */
export class WorkflowCommandFailedError extends CommandExecutionError {
  override readonly exitCode: number;

  constructor(workflow: string, command: string, exitCode: number, detail: string) {
    super(messages.workflowCommandFailed(workflow, command, detail), {
      workflow,
      command,
      exitCode,
    });
    this.exitCode = exitCode;
  }
}
