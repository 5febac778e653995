import { CliError, CommandExecutionError, UsageError } from '../errors/cli.errors';
import { executionMessages } from '../errors/messages';
import { CommandDefinition } from '../interfaces/command-definition.interface';
import { OutputMode } from '../interfaces/output-mode.type';
import { escapeControls } from '../output/terminal-text';
import { GlobalValues } from '../parser/global-values';
import { CliIO } from './cli-io';
import { red, useColor } from './colors';
import { EXIT_FAILURE } from './exit-codes';

/** What an error reports: `{ type, message, context }`, never the stack. */
export interface ErrorPayload {
  type: string;
  message: string;
  context: Record<string, unknown>;
}

/** A thrown non-Error value becomes a CommandExecutionError naming the command. */
export function asError(error: unknown, command?: CommandDefinition): Error {
  return error instanceof Error
    ? error
    : new CommandExecutionError(executionMessages.nonErrorThrown(command?.path, error), {
        command: command?.path,
      });
}

/**
 * The error as `{ type, message, context }`: type and context from its `toJSON()` when it has
 * one (every `@registers/*` error does), the command's path added to the context.
 */
export function errorPayload(error: unknown, command?: CommandDefinition): ErrorPayload {
  const err = asError(error, command);
  const json =
    typeof (err as { toJSON?: unknown }).toJSON === 'function'
      ? (err as unknown as { toJSON(): Record<string, unknown> }).toJSON()
      : {};
  const context = {
    ...((json.context as object) ?? (err as { context?: object }).context ?? {}),
  } as Record<string, unknown>;
  if (command && context.command === undefined) context.command = command.path;
  return { type: (json.type as string) ?? err.name, message: err.message, context };
}

/**
 * Prints an error on stderr and returns its exit code: `Error: <message>` and the usage lines
 * of a usage error (control characters in the message shown as `\uXXXX`, as in plain output),
 * or `{"error":{type,message,context}}` in json mode; the stack with --debug.
 */
export function reportError(
  error: unknown,
  io: CliIO,
  globals: GlobalValues,
  mode: OutputMode,
  command?: CommandDefinition,
): number {
  const exitCode = error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  const err = asError(error, command);
  if (mode === 'json') {
    io.stderr.write(`${JSON.stringify({ error: errorPayload(err, command) })}\n`);
  } else {
    io.stderr.write(
      `${useColor(io, globals, 'stderr') ? red('Error:') : 'Error:'} ${escapeControls(err.message)}\n`,
    );
    if (err instanceof UsageError && err.usage) io.stderr.write(`${err.usage}\n`);
  }
  if (globals.debug && err.stack) io.stderr.write(`${err.stack}\n`);
  return exitCode;
}
