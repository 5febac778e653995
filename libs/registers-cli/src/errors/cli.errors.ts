/**
 * Every error of @registers/cli extends CliError. `context` names the command, argument or
 * file involved; `toJSON()` gives `{ type, message, context }`; `exitCode` is what the
 * runtime exits with (2 for usage errors, 1 otherwise).
 */
export interface CliErrorContext {
  command?: string;
  argument?: string;
  option?: string;
  file?: string;
  [key: string]: unknown;
}

export class CliError extends Error {
  readonly context: CliErrorContext;
  readonly exitCode: number = 1;

  constructor(message: string, context: CliErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.context = context;
  }

  toJSON(): { type: string; message: string; context: CliErrorContext } {
    return { type: this.name, message: this.message, context: this.context };
  }
}

/** A command, group, argument or context declaration that cannot be registered. */
export class RegistrationError extends CliError {}

/** Two owners claim the same command name or alias. */
export class DuplicateCommandError extends RegistrationError {}

/** A plugin file that cannot be imported or exports no Nest module. */
export class PluginLoadError extends CliError {}

/** Bad command line: unknown option, missing or invalid argument, bad choice. Exit code 2. */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;
  /** Usage line(s) of the command or group the error is about, printed under the reason. */
  usage?: string;
}

/** The command words match nothing; `context.suggestions` holds the closest names. Exit code 2. */
export class UnknownCommandError extends UsageError {}

/** A command handler failed; `cause` is the original error. Exit code 1. */
export class CommandExecutionError extends CliError {}

/** A confirmed command was refused (answer "no", or no TTY and no --force). Exit code 1. */
export class ConfirmationRequiredError extends CommandExecutionError {}
