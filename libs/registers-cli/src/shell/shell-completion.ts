import { CommandDefinition } from '../interfaces/command-definition.interface';
import { positionalArguments } from '../parser/bind-arguments';
import { GLOBAL_FLAG_NAMES } from '../parser/global-flags';
import { CliRegistry } from '../registry/cli.registry';
import { splitShellWords } from './shell-words';

export const SHELL_BUILT_INS = ['help', 'commands', 'exec', 'exit', 'quit'];

/** Tab completion: first word, group commands, flags and choices. */
export class ShellCompletion {
  constructor(private readonly registry: CliRegistry) {}

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
        ? [...GLOBAL_FLAG_NAMES, ...this.registry.all().flatMap((c) => c.flagAliases)]
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
      return [...flags, ...GLOBAL_FLAG_NAMES];
    }
    const positionals = positionalArguments(command);
    const next =
      positionals[commandWords.length - consumed] ?? positionals.find((a) => a.type === 'array');
    return next?.choices ? next.choices.map(String) : [];
  }
}
