import { UsageError } from '../errors/cli.errors';
import { usageMessages } from '../errors/messages';
import { CommandDefinition } from '../interfaces/command-definition.interface';
import { CliRegistry, GroupEntry } from '../registry/cli.registry';
import { GlobalOptionReader } from './global-option-reader';
import { GlobalValues } from './global-values';
import { ParsedInvocation, UsageLines } from './parsed-invocation';
import { Token } from './tokenize';
import { unknownCommand, unknownOption } from './usage-errors';

/** Step 2's answer: a registers command and the tokens left for its arguments, or a finished invocation. */
export type ResolvedCommand =
  | { kind: 'command'; command: CommandDefinition; rest: Token[] }
  | Exclude<ParsedInvocation, { kind: 'run' }>;

/**
 * Step 2 of parsing: finds what the command words name (group, command, word or flag alias,
 * classic command, `help …`), recording global options met on the way.
 */
export class CommandResolver {
  constructor(
    private readonly registry: CliRegistry,
    private readonly globalOptions: GlobalOptionReader,
    private readonly usage: UsageLines,
  ) {}

  resolve(tokens: Token[], globals: GlobalValues): ResolvedCommand {
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      if (token.kind === 'separator') {
        i++;
        continue;
      }
      if (token.kind === 'option') {
        const used = this.globalOptions.read(tokens, i, globals);
        if (used) {
          i += used;
          continue;
        }
        const aliased = this.registry.resolveFlagAlias(token.text);
        if (aliased) return { kind: 'command', command: aliased, rest: tokens.slice(i + 1) };
        const known = [...this.globalOptions.knownFlags(), ...this.registry.flagAliasWords()];
        throw unknownOption(token.text, known, this.usage.program());
      }
      if (token.text === 'help') return this.resolveHelp(tokens.slice(i + 1), globals);
      if (token.text === 'mcp') return this.resolveMcp(tokens.slice(i + 1), globals);
      const entry = this.registry.resolve(token.text);
      if (!entry) throw this.unknownCommand(token.text);
      if (entry.kind === 'classic') {
        const words = tokens.slice(i).map((t) => t.text);
        return { kind: 'classic', classic: entry.classic, tokens: words, globals };
      }
      if (entry.kind === 'command') {
        return { kind: 'command', command: entry.command, rest: tokens.slice(i + 1) };
      }
      return this.resolveInGroup(entry.group, tokens.slice(i + 1), globals);
    }
    if (globals.version) return { kind: 'version', globals };
    if (globals.help) return { kind: 'help', target: { kind: 'program' }, globals };
    if (globals.interactive) return { kind: 'shell', globals };
    return { kind: 'none', globals };
  }

  private resolveInGroup(
    group: GroupEntry,
    tokens: Token[],
    globals: GlobalValues,
  ): ResolvedCommand {
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      if (token.kind !== 'word') {
        const used = this.globalOptions.read(tokens, i, globals);
        if (used) {
          i += used;
          continue;
        }
        throw unknownOption(token.text, this.globalOptions.knownFlags(), this.usage.group(group));
      }
      const command = this.registry.resolveInGroup(group, token.text);
      if (!command) throw this.unknownCommand(token.text, group);
      return { kind: 'command', command, rest: tokens.slice(i + 1) };
    }
    if (globals.version) return { kind: 'version', globals };
    if (globals.help) return { kind: 'help', target: { kind: 'group', group }, globals };
    const error = new UsageError(usageMessages.missingGroupCommand(group.meta.name), {
      command: group.meta.name,
    });
    error.usage = this.usage.group(group);
    throw error;
  }

  /** `mcp [global options]`: no other words; `--help` shows the program help. */
  private resolveMcp(tokens: Token[], globals: GlobalValues): ResolvedCommand {
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      if (token.kind === 'separator') {
        i++;
        continue;
      }
      if (token.kind === 'word') {
        throw new UsageError(usageMessages.unexpectedArgument(token.text), {
          command: 'mcp',
          argument: token.text,
        });
      }
      const used = this.globalOptions.read(tokens, i, globals);
      if (!used)
        throw unknownOption(token.text, this.globalOptions.knownFlags(), this.usage.program());
      i += used;
    }
    if (globals.help) return { kind: 'help', target: { kind: 'program' }, globals };
    if (globals.version) return { kind: 'version', globals };
    return { kind: 'mcp', globals };
  }

  /** `help [group] [command]`: global options are read, other options ignored. */
  private resolveHelp(tokens: Token[], globals: GlobalValues): ResolvedCommand {
    const words: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].kind === 'word') words.push(tokens[i].text);
      else i += Math.max(this.globalOptions.read(tokens, i, globals), 1) - 1;
    }
    if (!words.length) return { kind: 'help', target: { kind: 'program' }, globals };
    const entry = this.registry.resolve(words[0]);
    if (!entry) throw this.unknownCommand(words[0]);
    if (entry.kind === 'classic')
      return { kind: 'help', target: { kind: 'classic', classic: entry.classic }, globals };
    if (entry.kind === 'command')
      return { kind: 'help', target: { kind: 'command', command: entry.command }, globals };
    if (words.length === 1)
      return { kind: 'help', target: { kind: 'group', group: entry.group }, globals };
    const command = this.registry.resolveInGroup(entry.group, words[1]);
    if (!command) throw this.unknownCommand(words[1], entry.group);
    return { kind: 'help', target: { kind: 'command', command }, globals };
  }

  private unknownCommand(word: string, group?: GroupEntry): UsageError {
    return group
      ? unknownCommand(
          word,
          this.registry.groupWords(group),
          this.usage.group(group),
          group.meta.name,
        )
      : unknownCommand(word, this.registry.topLevelWords(), this.usage.program());
  }
}
