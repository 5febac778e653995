import { Inject, Injectable } from '@nestjs/common';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, REGISTERS_CLI_OPTIONS } from './constants';
import { CliRegistry, ClassicCommandEntry } from './cli.registry';
import { CliError, CommandExecutionError, ConfirmationRequiredError, UsageError } from './errors';
import { CliContextDefinition, CliGlobalOption } from './interfaces/cli-context-options.interface';
import { CliMiddleware } from './interfaces/cli-middleware.interface';
import { RegistersCliModuleOptions } from './interfaces/cli-module-options.interface';
import { CommandContext } from './interfaces/command-context.interface';
import { CommandDefinition } from './interfaces/command-definition.interface';
import { OutputMode } from './interfaces/output-mode.type';
import { ArgvParser, HelpTarget, ParsedInvocation } from './runtime/argv-parser';
import { CliIO, processIO } from './runtime/cli-io';
import { askYesNo } from './runtime/confirm-prompt';
import { GlobalValues, emptyGlobals } from './runtime/global-options';
import { HelpRenderer } from './runtime/help-renderer';
import { InteractiveShell } from './runtime/interactive-shell';
import { InvocationContext } from './runtime/invocation-context';
import { boldHeadings, red, useColor } from './runtime/colors';
import { formatOutput } from './runtime/output-formatter';
import { TimingMiddleware } from './runtime/timing.middleware';

export interface CliRuntimeSetup {
  contextOptions: Record<string, CliGlobalOption>;
  contextFactory?: CliContextDefinition<object>['create'];
  middleware: CliMiddleware[];
  classicRunner?: (tokens: string[]) => Promise<unknown>;
  classicHelp?: (entry: ClassicCommandEntry) => string;
}

export interface RunOptions {
  /** Global values inherited from the shell invocation. */
  globals?: GlobalValues;
  /** True inside the interactive shell (no nested shells). */
  inShell?: boolean;
  /** How a confirmation is asked (the shell reads the answer from its own line reader). */
  ask?: (message: string) => Promise<boolean | null>;
}

function fillPlaceholders(message: string, values: Record<string, unknown>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) && values[key] !== undefined
      ? String(values[key])
      : whole,
  );
}

/** Parses argv, dispatches to registers commands, prints results, help and errors. */
@Injectable()
export class CliRunner {
  private setup: CliRuntimeSetup = { contextOptions: {}, middleware: [] };
  private parserInstance?: ArgvParser;
  private helpInstance?: HelpRenderer;

  constructor(
    @Inject(REGISTERS_CLI_OPTIONS) private readonly options: RegistersCliModuleOptions,
    private readonly registry: CliRegistry,
  ) {}

  configure(setup: Partial<CliRuntimeSetup>): void {
    this.setup = { ...this.setup, ...setup };
    this.parserInstance = undefined;
    this.helpInstance = undefined;
  }

  get help(): HelpRenderer {
    this.helpInstance ??= new HelpRenderer(
      {
        name: this.options.name,
        title: this.options.title ?? this.options.name,
        description: this.options.description,
        version: this.options.version,
      },
      this.registry,
      this.setup.contextOptions,
      (entry) => this.setup.classicHelp?.(entry) ?? `${entry.name}  ${entry.description}`,
    );
    return this.helpInstance;
  }

  private get parser(): ArgvParser {
    this.parserInstance ??= new ArgvParser(this.registry, this.setup.contextOptions, this.help);
    return this.parserInstance;
  }

  /** Runs one command line (argv without node and script); resolves to the exit code. */
  async run(
    argv: string[],
    ioOverrides: Partial<CliIO> = {},
    runOptions: RunOptions = {},
  ): Promise<number> {
    const io: CliIO = { ...processIO(), ...ioOverrides };
    const globals: GlobalValues = runOptions.globals ?? emptyGlobals();
    let parsed: ParsedInvocation;
    try {
      parsed = this.parser.parse(argv, globals);
    } catch (error) {
      return this.report(error, io, globals, globals.output ?? 'plain');
    }
    switch (parsed.kind) {
      case 'version':
        io.stdout.write(`${this.options.version ?? '0.0.0'}\n`);
        return EXIT_OK;
      case 'help': {
        const text = this.renderHelp(parsed.target);
        io.stdout.write(`${useColor(io, globals, 'stdout') ? boldHeadings(text) : text}\n`);
        return EXIT_OK;
      }
      case 'classic':
        if (!this.setup.classicRunner) return EXIT_FAILURE;
        await this.setup.classicRunner(parsed.tokens);
        return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
      case 'shell':
      case 'none':
        if (runOptions.inShell) return EXIT_OK;
        return this.shell(parsed.globals, io, parsed.kind === 'none' && !io.stdinIsTTY);
      case 'run':
        return this.execute(parsed, io, runOptions);
    }
  }

  renderHelp(target: HelpTarget): string {
    switch (target.kind) {
      case 'program':
        return this.help.programHelp();
      case 'group':
        return this.help.groupHelp(target.group);
      case 'command':
        return this.help.commandHelp(target.command);
      case 'classic':
        return this.help.classicCommandHelp(target.classic);
    }
  }

  private shell(globals: GlobalValues, io: CliIO, helpIfEmpty: boolean): Promise<number> {
    const shell = new InteractiveShell(this, this.registry, this.help, this.options, io);
    return shell.start(globals, helpIfEmpty);
  }

  /** Context option values with their defaults applied. */
  contextValues(globals: GlobalValues): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(this.setup.contextOptions)) values[name] = def.default;
    return { ...values, ...globals.context };
  }

  private async execute(
    parsed: Extract<ParsedInvocation, { kind: 'run' }>,
    io: CliIO,
    runOptions: RunOptions,
  ): Promise<number> {
    const { command, args, dryRun, globals } = parsed;
    const mode: OutputMode = globals.output ?? command.meta.defaultOutput ?? 'plain';
    let ctx: CommandContext | undefined;
    const middleware = [new TimingMiddleware(io.stderr), ...this.setup.middleware];
    try {
      ctx = await this.buildContext(command, args, dryRun, globals, io, mode, runOptions);
      if (command.confirm && !globals.force && !dryRun) {
        const message = fillPlaceholders(command.confirm, { ...(ctx as object), ...args });
        if (!io.stdinIsTTY) {
          throw new ConfirmationRequiredError(
            `Confirmation required: "${message}" Re-run with --force (or --yes) to confirm without a terminal.`,
            { command: command.path },
          );
        }
        const answer = await (runOptions.ask ?? ((q: string) => askYesNo(io, q)))(message);
        if (answer === null) {
          io.stderr.write('Interrupted.\n');
          return EXIT_INTERRUPTED;
        }
        if (!answer)
          throw new ConfirmationRequiredError('Aborted: not confirmed.', { command: command.path });
      }
      for (const m of middleware) await m.before?.(ctx, args);
      const params: unknown[] = [];
      for (const arg of command.args) params[arg.index] = args[arg.name];
      for (const index of command.ctxIndex) params[index] = ctx;
      const handler = (command.instance as Record<string, (...a: unknown[]) => unknown>)[
        command.methodName
      ];
      const result = await handler.apply(command.instance, params);
      for (const m of middleware) await m.after?.(ctx, result);
      const text = formatOutput(result, mode);
      if (text !== undefined && text !== '') io.stdout.write(`${text}\n`);
      return EXIT_OK;
    } catch (error) {
      if (ctx) {
        for (const m of middleware) {
          try {
            await m.onError?.(ctx, error);
          } catch {
            // a failing onError hook must not hide the command's own error
          }
        }
      }
      return this.report(error, io, globals, mode, command);
    }
  }

  private async buildContext(
    command: CommandDefinition,
    args: Record<string, unknown>,
    dryRun: boolean,
    globals: GlobalValues,
    io: CliIO,
    output: OutputMode,
    runOptions: RunOptions,
  ): Promise<CommandContext> {
    const ctx = new InvocationContext(
      {
        command: command.path,
        args,
        output,
        quiet: globals.quiet,
        force: globals.force,
        debug: globals.debug,
        color: globals.color && io.stdoutIsTTY && !io.env.NO_COLOR,
        dryRun,
        interactive: Boolean(runOptions.inShell),
        ask: runOptions.ask ?? ((q) => askYesNo(io, q)),
      },
      io,
    );
    const values = this.contextValues(globals);
    const built = this.setup.contextFactory
      ? await this.setup.contextFactory(values, { command: command.path, args, dryRun, output })
      : values;
    ctx.context = built;
    if (built && typeof built === 'object') {
      for (const [key, value] of Object.entries(built)) {
        if (!(key in ctx)) (ctx as unknown as Record<string, unknown>)[key] = value;
      }
    }
    return ctx as unknown as CommandContext;
  }

  /** Prints an error the way section 3.2 says and returns its exit code. */
  report(
    error: unknown,
    io: CliIO,
    globals: GlobalValues,
    mode: OutputMode,
    command?: CommandDefinition,
  ): number {
    const exitCode = error instanceof CliError ? error.exitCode : EXIT_FAILURE;
    const err =
      error instanceof Error
        ? error
        : new CommandExecutionError(`${command ? `${command.path}: ` : ''}${String(error)}`, {
            command: command?.path,
          });
    if (mode === 'json') {
      const json =
        typeof (err as { toJSON?: unknown }).toJSON === 'function'
          ? (err as unknown as { toJSON(): Record<string, unknown> }).toJSON()
          : {};
      const context = {
        ...((json.context as object) ?? (err as { context?: object }).context ?? {}),
      } as Record<string, unknown>;
      if (command && context.command === undefined) context.command = command.path;
      io.stderr.write(
        `${JSON.stringify({ error: { type: (json.type as string) ?? err.name, message: err.message, context } })}\n`,
      );
    } else {
      io.stderr.write(
        `${useColor(io, globals, 'stderr') ? red('Error:') : 'Error:'} ${err.message}\n`,
      );
      if (err instanceof UsageError && err.usage) io.stderr.write(`${err.usage}\n`);
    }
    if (globals.debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return exitCode;
  }
}
