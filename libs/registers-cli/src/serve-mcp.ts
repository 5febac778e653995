import { UsageError } from './errors/cli.errors';
import { mcpMessages } from './errors/messages';
import { CliGlobalOption } from './interfaces/cli-context-options.interface';
import { RegistersCliModuleOptions } from './interfaces/cli-module-options.interface';
import { CommandDefinition } from './interfaces/command-definition.interface';
import { reserveStdoutForProtocol } from './mcp/stdout-guard';
import { GlobalValues } from './parser/global-values';
import { CliIO, processIO } from './runtime/cli-io';
import { reportError } from './runtime/error-report';
import { EXIT_OK } from './runtime/exit-codes';

export interface ServeMcpSetup {
  /** Where a failure to start is reported (the runner's streams). */
  io: CliIO;
  /** A line of the interactive shell: refused, the shell owns stdin. */
  inShell: boolean;
  options: RegistersCliModuleOptions;
  commands: CommandDefinition[];
  contextOptions: Record<string, CliGlobalOption>;
  /** The global options given with `mcp` (`--env stage`, `--debug`): every call starts from them. */
  globals: GlobalValues;
  /** `CliRunner.invoke`: runs one command; resolves to `{ result }`, throws its error. */
  invoke(
    command: CommandDefinition,
    values: Record<string, unknown>,
    globals: GlobalValues,
    io: CliIO,
  ): Promise<{ result: unknown } | symbol>;
}

/**
 * `mcp`: the commands as MCP tools on stdio until the client disconnects. Each call runs like
 * a command line with `--output json` (commands return data rather than text), the start-up
 * global options and the call's context options; a served `@Confirm` command runs without
 * asking (serving it was the opt-in). Only protocol messages reach stdout: the handlers' io
 * writes to stderr, and so does every other write to `process.stdout`.
 */
export async function serveMcp(setup: ServeMcpSetup): Promise<number> {
  const mode = setup.globals.output ?? 'plain';
  if (setup.inShell) {
    const error = new UsageError(mcpMessages.notInShell(), { command: 'mcp' });
    return reportError(error, setup.io, setup.globals, mode);
  }
  try {
    await serve(setup);
    return EXIT_OK;
  } catch (error) {
    // e.g. two commands that become one tool name: one `Error:` line on stderr, exit 1
    return reportError(error, setup.io, setup.globals, mode);
  }
}

async function serve(setup: ServeMcpSetup): Promise<void> {
  const output = reserveStdoutForProtocol();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the MCP SDK loads only here
  const { runMcpSession } = require('./mcp/mcp-session') as typeof import('./mcp/mcp-session');
  const io: CliIO = {
    ...processIO(),
    stdout: process.stderr,
    stdinIsTTY: false,
    stdoutIsTTY: false,
  };
  const { options, globals } = setup;
  await runMcpSession({
    info: {
      name: options.name,
      version: options.version ?? '0.0.0',
      title: options.title,
      description: options.description,
    },
    commands: setup.commands,
    contextOptions: setup.contextOptions,
    mcp: options.mcp,
    output,
    invoke: async (command, values, context) => {
      const callGlobals: GlobalValues = {
        ...globals,
        output: 'json',
        force: globals.force || command.confirm !== undefined,
        context: { ...globals.context, ...context },
      };
      const outcome = await setup.invoke(command, values, callGlobals, io);
      return typeof outcome === 'symbol' ? undefined : outcome.result;
    },
  });
}
