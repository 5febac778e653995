/**
 * Every error of @registers/cron extends CronError. `context` names the job, option or
 * event involved (never a token or secret); `toJSON()` gives `{ type, message, context }`.
 */
export interface CronErrorContext {
  job?: string;
  option?: string;
  eventId?: number;
  [key: string]: unknown;
}

export class CronError extends Error {
  readonly context: CronErrorContext;

  constructor(message: string, context: CronErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.context = context;
  }

  toJSON(): { type: string; message: string; context: CronErrorContext } {
    return { type: this.name, message: this.message, context: this.context };
  }
}

/** A job declaration that cannot run: bad option, duplicate name, invalid schedule. Raised at startup. */
export class CronConfigurationError extends CronError {}

/** No job of that name is declared in this application. */
export class UnknownJobError extends CronError {}

/** No workflow of that name is registered (`cron register-workflow`). */
export class UnknownWorkflowError extends CronError {}

/** No event of that id, or one in a state the operation does not apply to. */
export class EventStateError extends CronError {}

/** A payload that is not a JSON object/value the job accepts. */
export class InvalidPayloadError extends CronError {}

/** The job is paused: schedules and triggers of it enqueue nothing until `resume`. */
export class JobPausedError extends CronError {}

/** A handler ran past `maxRuntimeSeconds`; the run ends `timeout`. */
export class JobTimeoutError extends CronError {}

/** The claim's lease expired or was taken over: this worker's result is discarded. */
export class LeaseLostError extends CronError {}
