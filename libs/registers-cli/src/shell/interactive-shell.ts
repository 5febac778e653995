import { spawnSync } from 'node:child_process';
import * as readline from 'node:readline';
import { executionMessages, usageMessages } from '../errors/messages';
import { RegistersCliModuleOptions } from '../interfaces/cli-module-options.interface';
import { HelpRenderer } from '../help/help-renderer';
import { GlobalValues, cloneGlobals } from '../parser/global-values';
import { didYouMean, suggest } from '../parser/suggest';
import { CliRegistry, RESERVED_COMMAND_NAMES } from '../registry/cli.registry';
import { CliIO } from '../runtime/cli-io';
import { EXIT_INTERRUPTED, EXIT_OK } from '../runtime/exit-codes';
import { RunOptions } from '../runtime/run-options';
import { SHELL_BUILT_INS, ShellCompletion } from './shell-completion';
import { ShellHistory } from './shell-history';
import { splitShellWords } from './shell-words';

/** Runs one shell line as a command line (the `CliRunner`; an interface, so the shell does not import it). */
export interface ShellLineRunner {
  run(argv: string[], io: Partial<CliIO>, options: RunOptions): Promise<number>;
}

/**
 * The REPL: banner, history file, tab completion of groups, commands, flags and choices,
 * built-ins `help`, `commands`, `exec`, `exit`, `quit`. Off a TTY it reads lines from stdin.
 */
export class InteractiveShell {
  private pendingAnswer: ((line: string | null) => void) | null = null;
  private readonly completion: ShellCompletion;
  private readonly history: ShellHistory;

  constructor(
    private readonly runner: ShellLineRunner,
    private readonly registry: CliRegistry,
    private readonly help: HelpRenderer,
    private readonly options: RegistersCliModuleOptions,
    private readonly io: CliIO,
  ) {
    this.completion = new ShellCompletion(registry);
    this.history = new ShellHistory(options);
  }

  async start(globals: GlobalValues, helpIfEmpty = false): Promise<number> {
    const io = this.io;
    const tty = io.stdinIsTTY;
    io.stdout.write(`${this.help.banner()}\n`);
    const history = tty ? this.history.load() : [];
    const rl = readline.createInterface({
      input: io.stdin,
      output: tty ? (io.stdout as NodeJS.WritableStream) : undefined,
      terminal: tty && (io.stdin as { isTTY?: boolean }).isTTY === true,
      completer: tty ? (line: string) => this.complete(line) : undefined,
      history,
      historySize: this.history.size,
      removeHistoryDuplicates: true,
      prompt: `${this.options.name}> `,
    } as readline.ReadLineOptions);

    let exitCode = EXIT_OK;
    let linesSeen = 0;
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    rl.on('line', (line) => {
      if (this.pendingAnswer) {
        const answer = this.pendingAnswer;
        this.pendingAnswer = null;
        answer(line);
        return;
      }
      queue.push(line);
      wake?.();
    });
    rl.on('close', () => {
      closed = true;
      this.pendingAnswer?.(null);
      this.pendingAnswer = null;
      wake?.();
    });
    let busy = false;
    rl.on('SIGINT', () => {
      // Ctrl-C clears a typed line; on an empty prompt or while a command runs it ends the shell.
      const typed = (rl as unknown as { line?: string }).line;
      if (!busy && typed) {
        io.stdout.write('^C\n');
        (rl as unknown as { line: string }).line = '';
        rl.prompt();
        return;
      }
      io.stdout.write('\n');
      exitCode = EXIT_INTERRUPTED;
      if (busy) {
        io.stderr.write('Interrupted.\n');
        process.exit(EXIT_INTERRUPTED);
      }
      rl.close();
    });

    const ask = (message: string): Promise<boolean | null> =>
      new Promise((resolve) => {
        io.stderr.write(`${message} [y/N] `);
        this.pendingAnswer = (line) =>
          resolve(line === null ? null : /^(y|yes)$/i.test(line.trim()));
      });

    if (tty) rl.prompt();
    for (;;) {
      if (!queue.length) {
        if (closed) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      const line = queue.shift()!;
      linesSeen++;
      if (tty && line.trim()) this.history.append(line);
      busy = true;
      const stop = await this.handle(line, globals, ask).finally(() => (busy = false));
      if (stop) break;
      if (tty && !closed) rl.prompt();
    }
    if (!closed) rl.close();
    if (helpIfEmpty && linesSeen === 0 && exitCode === EXIT_OK)
      io.stdout.write(`\n${this.help.programHelp()}\n`);
    return exitCode;
  }

  /** Runs one shell line; true means leave the shell. */
  private async handle(
    line: string,
    globals: GlobalValues,
    ask: (message: string) => Promise<boolean | null>,
  ): Promise<boolean> {
    const io = this.io;
    let words: string[];
    try {
      words = splitShellWords(line);
    } catch (error) {
      io.stderr.write(`Error: ${(error as Error).message}\n`);
      return false;
    }
    if (!words.length || words[0].startsWith('#')) return false;
    const [first, ...rest] = words;
    switch (first) {
      case 'exit':
      case 'quit':
        return true;
      case 'commands':
        io.stdout.write(`${this.commandList().join('\n')}\n`);
        return false;
      case 'exec': {
        const shellCommand = line.trim().replace(/^exec\s*/, '');
        if (!shellCommand) {
          io.stderr.write(`Error: ${executionMessages.execNeedsCommand()}\n`);
          return false;
        }
        const result = spawnSync(shellCommand, {
          shell: true,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        if (result.stdout) io.stdout.write(result.stdout);
        if (result.stderr) io.stderr.write(result.stderr);
        if (result.status !== 0)
          io.stderr.write(`exec: exit code ${result.status ?? 'signal ' + result.signal}\n`);
        return false;
      }
    }
    if (first === 'help' && rest.length === 0) {
      io.stdout.write(
        `${this.help.programHelp()}\n\nShell built-ins: help [command], commands, exec <shell command>, exit, quit\n`,
      );
      return false;
    }
    // Built-in words (`help`, `mcp`) are the runner's to answer.
    const builtIn = RESERVED_COMMAND_NAMES.includes(first);
    if (!first.startsWith('-') && !builtIn && !this.registry.resolve(first)) {
      const hits = suggest(first, [...this.registry.topLevelWords(), ...SHELL_BUILT_INS]);
      io.stderr.write(`Error: ${usageMessages.unknownCommand(first, didYouMean(hits))}\n`);
      return false;
    }
    await this.runner.run(words, io, { globals: cloneGlobals(globals), inShell: true, ask });
    return false;
  }

  private commandList(): string[] {
    const lines = this.registry
      .all()
      .filter((c) => !c.meta.hidden)
      .map(
        (c) => `${this.help.signature(c)}${c.meta.description ? `  - ${c.meta.description}` : ''}`,
      );
    for (const classic of this.registry.classicCommands())
      lines.push(`${classic.name}  - ${classic.description}`);
    return lines;
  }

  /** Tab completion: first word, group commands, flags and choices. */
  complete(line: string): [string[], string] {
    return this.completion.complete(line);
  }
}
