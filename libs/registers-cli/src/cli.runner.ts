import { Inject, Injectable } from '@nestjs/common';
import { REGISTERS_CLI_OPTIONS } from './constants';
import { ConfirmationRequiredError } from './errors/cli.errors';
import { executionMessages } from './errors/messages';
import { HelpRenderer } from './help/help-renderer';
import { CliContextDefinition, CliGlobalOption } from './interfaces/cli-context-options.interface';
import { CliMiddleware } from './interfaces/cli-middleware.interface';
import { RegistersCliModuleOptions } from './interfaces/cli-module-options.interface';
import { CommandContext } from './interfaces/command-context.interface';
import { CommandDefinition } from './interfaces/command-definition.interface';
import { OutputMode } from './interfaces/output-mode.type';
import { formatOutput } from './output/output-formatter';
import { ArgvParser, HelpTarget, ParsedInvocation } from './parser/argv-parser';
import { GlobalValues, emptyGlobals } from './parser/global-values';
import { CliRegistry, ClassicCommandEntry } from './registry/cli.registry';
import { CliIO, processIO } from './runtime/cli-io';
import { boldHeadings, useColor } from './runtime/colors';
import { askYesNo } from './runtime/confirm-prompt';
import { reportError } from './runtime/error-report';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from './runtime/exit-codes';
import { InvocationContext } from './runtime/invocation-context';
import { RunOptions } from './runtime/run-options';
import { serveMcp } from './serve-mcp';
import { TimingMiddleware } from './runtime/timing.middleware';
import { InteractiveShell } from './shell/interactive-shell';

export interface CliRuntimeSetup {
  contextOptions: Record<string, CliGlobalOption>;
  contextFactory?: CliContextDefinition<object>['create'];
  middleware: CliMiddleware[];
  classicRunner?: (tokens: string[]) => Promise<unknown>;
  classicHelp?: (entry: ClassicCommandEntry) => string;
}

/**
 * What the handler's parameters receive, by argument name: `ctx.args` and middleware see this.
 * Flag-only arguments (an undeclared `--dry-run`, index -1) are not parameters.
 */
function parameterValues(
  command: CommandDefinition,
  values: Record<string, unknown>,
): Record<string, unknown> {
  if (command.args.every((arg) => arg.index >= 0)) return values;
  const args: Record<string, unknown> = {};
  for (const arg of command.args) if (arg.index >= 0) args[arg.name] = values[arg.name];
  return args;
}

/** What `invoke` resolves to when Ctrl-C answers a confirmation. */
export const INTERRUPTED = Symbol('interrupted');

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
      return reportError(error, io, globals, globals.output ?? 'plain');
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
      case 'mcp':
        return serveMcp({
          io,
          inShell: Boolean(runOptions.inShell),
          options: this.options,
          commands: this.registry.all(),
          contextOptions: this.setup.contextOptions,
          globals: parsed.globals,
          invoke: (command, values, callGlobals, callIO) =>
            this.invoke(command, values, callGlobals, callIO),
        });
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
    const { command, globals } = parsed;
    const mode: OutputMode = globals.output ?? command.meta.defaultOutput ?? 'plain';
    try {
      const outcome = await this.invoke(command, parsed.args, globals, io, runOptions);
      if (outcome === INTERRUPTED) {
        io.stderr.write('Interrupted.\n');
        return EXIT_INTERRUPTED;
      }
      const text = formatOutput(outcome.result, mode, { rawCsv: globals.rawCsv });
      if (text !== undefined && text !== '') io.stdout.write(`${text}\n`);
      return EXIT_OK;
    } catch (error) {
      return reportError(error, io, globals, mode, command);
    }
  }

  /**
   * Runs a command with bound values (every argument by name, `--dry-run` included): builds
   * `ctx`, asks `@Confirm` unless `force`/dry run, runs middleware and the handler. Resolves to
   * the handler's return value (or INTERRUPTED at the question); throws the handler's error.
   */
  async invoke(
    command: CommandDefinition,
    values: Record<string, unknown>,
    globals: GlobalValues,
    io: CliIO,
    runOptions: RunOptions = {},
  ): Promise<{ result: unknown } | typeof INTERRUPTED> {
    const args = parameterValues(command, values);
    const dryRun = command.dryRunArgument !== undefined && values[command.dryRunArgument] === true;
    const mode: OutputMode = globals.output ?? command.meta.defaultOutput ?? 'plain';
    let ctx: CommandContext | undefined;
    const middleware = [new TimingMiddleware(io.stderr), ...this.setup.middleware];
    try {
      ctx = await this.buildContext(command, args, dryRun, globals, io, mode, runOptions);
      if (command.confirm && !globals.force && !dryRun) {
        const message = fillPlaceholders(command.confirm, { ...(ctx as object), ...args });
        if (!io.stdinIsTTY) {
          throw new ConfirmationRequiredError(executionMessages.confirmationRequired(message), {
            command: command.path,
          });
        }
        const answer = await (runOptions.ask ?? ((q: string) => askYesNo(io, q)))(message);
        if (answer === null) return INTERRUPTED;
        if (!answer)
          throw new ConfirmationRequiredError(executionMessages.notConfirmed(), {
            command: command.path,
          });
      }
      for (const m of middleware) await m.before?.(ctx, args);
      const params: unknown[] = [];
      for (const arg of command.args) if (arg.index >= 0) params[arg.index] = args[arg.name];
      for (const index of command.ctxIndex) params[index] = ctx;
      const handler = (command.instance as Record<string, (...a: unknown[]) => unknown>)[
        command.methodName
      ];
      const result = await handler.apply(command.instance, params);
      for (const m of middleware) await m.after?.(ctx, result);
      return { result };
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
      throw error;
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
}
