import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { CliRunner } from '../cli.runner';
import { CliRegistry } from '../cli.registry';
import { isDryRunArg } from '../command-definition.factory';
import { EXIT_INTERRUPTED, EXIT_OK } from '../constants';
import { RegistersCliModuleOptions } from '../interfaces/cli-module-options.interface';
import { CommandDefinition } from '../interfaces/command-definition.interface';
import { CliIO } from './cli-io';
import { BUILT_IN_FLAGS, GlobalValues, cloneGlobals } from './global-options';
import { HelpRenderer } from './help-renderer';
import { splitShellWords } from './shell-words';
import { didYouMean, suggest } from './suggest';

export const SHELL_BUILT_INS = ['help', 'commands', 'exec', 'exit', 'quit'];

export function defaultHistoryFile(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '_');
  let home = '';
  try {
    home = os.homedir();
  } catch {
    home = '';
  }
  return path.join(home || process.cwd(), `.${safe}_history`);
}

/**
 * The REPL: banner, history file, tab completion of groups, commands, flags and choices,
 * built-ins `help`, `commands`, `exec`, `exit`, `quit`. Off a TTY it reads lines from stdin.
 */
export class InteractiveShell {
  private pendingAnswer: ((line: string | null) => void) | null = null;

  constructor(
    private readonly runner: CliRunner,
    private readonly registry: CliRegistry,
    private readonly help: HelpRenderer,
    private readonly options: RegistersCliModuleOptions,
    private readonly io: CliIO,
  ) {}

  async start(globals: GlobalValues, helpIfEmpty = false): Promise<number> {
    const io = this.io;
    const tty = io.stdinIsTTY;
    io.stdout.write(`${this.help.banner()}\n`);
    const historyFile = this.historyFile();
    const history = tty && historyFile ? this.loadHistory(historyFile) : [];
    const rl = readline.createInterface({
      input: io.stdin,
      output: tty ? (io.stdout as NodeJS.WritableStream) : undefined,
      terminal: tty && (io.stdin as { isTTY?: boolean }).isTTY === true,
      completer: tty ? (line: string) => this.complete(line) : undefined,
      history,
      historySize: this.historySize(),
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
      if (tty && historyFile && line.trim()) this.appendHistory(historyFile, line);
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
          io.stderr.write('Error: exec needs a shell command.\n');
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
    if (!first.startsWith('-') && first !== 'help' && !this.registry.resolve(first)) {
      const hits = suggest(first, [...this.registry.topLevelWords(), ...SHELL_BUILT_INS]);
      io.stderr.write(`Error: Unknown command '${first}'.${didYouMean(hits)}\n`);
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
    let words: string[];
    try {
      words = splitShellWords(line);
    } catch {
      return [[], ''];
    }
    const endsWithSpace = /\s$/.test(line) || line === '';
    const current = endsWithSpace ? '' : (words.pop() ?? '');
    const previous = words.filter((w) => !w.startsWith('-'));
    const candidates = this.candidates(previous, words, current);
    const hits = [...new Set(candidates.filter((c) => c.startsWith(current)))].sort();
    // One match: complete the word and the space after it, like a shell does.
    return [hits.length === 1 ? [`${hits[0]} `] : hits, current];
  }

  private candidates(commandWords: string[], allWords: string[], current: string): string[] {
    const first = this.registry.topLevelWords().filter((w) => !w.startsWith('-'));
    if (commandWords.length === 0) {
      return current.startsWith('-')
        ? [...BUILT_IN_FLAGS, ...this.flagAliases()]
        : [...first, ...SHELL_BUILT_INS];
    }
    const head = commandWords[0] === 'help' ? commandWords.slice(1) : commandWords;
    if (head.length === 0) return first;
    const entry = this.registry.resolve(head[0]);
    if (!entry) return [];
    let command: CommandDefinition | undefined;
    let consumed = 1;
    if (entry.kind === 'group') {
      if (head.length === 1) return this.registry.groupWords(entry.group);
      command = this.registry.resolveInGroup(entry.group, head[1]);
      consumed = 2;
    } else if (entry.kind === 'command') command = entry.command;
    if (!command || commandWords[0] === 'help') return [];
    const lastWord = allWords[allWords.length - 1];
    const optionArg = lastWord?.startsWith('-')
      ? command.args.find((a) => a.flags.includes(lastWord))
      : undefined;
    if (optionArg?.choices) return optionArg.choices.map(String);
    if (current.startsWith('-')) {
      const flags = command.args.flatMap((a) =>
        a.type === 'boolean' ? [...a.flags, `--no-${a.flags[0].slice(2)}`] : a.flags,
      );
      return [...flags, ...(command.dryRun ? ['--dry-run'] : []), ...BUILT_IN_FLAGS];
    }
    const positionals = command.args.filter(
      (a) => a.type !== 'boolean' && !(command!.dryRun && isDryRunArg(a)),
    );
    const next =
      positionals[commandWords.length - consumed] ?? positionals.find((a) => a.type === 'array');
    return next?.choices ? next.choices.map(String) : [];
  }

  private flagAliases(): string[] {
    return this.registry.all().flatMap((c) => c.flagAliases);
  }

  private historyFile(): string | undefined {
    if (this.options.history === false) return undefined;
    return this.options.history?.file ?? defaultHistoryFile(this.options.name);
  }

  private historySize(): number {
    return (this.options.history && this.options.history.size) || 500;
  }

  private loadHistory(file: string): string[] {
    try {
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const kept = lines.slice(-this.historySize());
      // Appends grow the file; keep it near the configured size.
      if (lines.length > 2 * this.historySize())
        fs.writeFileSync(file, `${kept.join('\n')}\n`, { mode: 0o600 });
      return kept.reverse();
    } catch {
      return [];
    }
  }

  private appendHistory(file: string, line: string): void {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, `${line.replace(/\n/g, ' ')}\n`, { mode: 0o600 });
    } catch {
      // history is a convenience; an unwritable file must not break the shell
    }
  }
}
