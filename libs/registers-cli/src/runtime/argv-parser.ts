import { OUTPUT_MODES } from '../constants';
import { CliRegistry, ClassicCommandEntry, GroupEntry } from '../cli.registry';
import { isDryRunArg } from '../command-definition.factory';
import { UnknownCommandError, UsageError } from '../errors';
import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { ArgumentDefinition, CommandDefinition } from '../interfaces/command-definition.interface';
import { OutputMode } from '../interfaces/output-mode.type';
import { BUILT_IN_FLAGS, GlobalValues, contextFlagMap } from './global-options';
import { didYouMean, suggest } from './suggest';

export type HelpTarget =
  | { kind: 'program' }
  | { kind: 'group'; group: GroupEntry }
  | { kind: 'command'; command: CommandDefinition }
  | { kind: 'classic'; classic: ClassicCommandEntry };

export type ParsedInvocation =
  | { kind: 'none'; globals: GlobalValues }
  | { kind: 'help'; target: HelpTarget; globals: GlobalValues }
  | { kind: 'version'; globals: GlobalValues }
  | { kind: 'shell'; globals: GlobalValues }
  | { kind: 'classic'; classic: ClassicCommandEntry; tokens: string[]; globals: GlobalValues }
  | {
      kind: 'run';
      command: CommandDefinition;
      args: Record<string, unknown>;
      dryRun: boolean;
      globals: GlobalValues;
    };

export interface UsageLines {
  program(): string;
  group(group: GroupEntry): string;
  command(command: CommandDefinition): string;
}

const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

function isOption(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !NEGATIVE_NUMBER.test(token);
}

function splitInline(token: string): [string, string | undefined] {
  const eq = token.indexOf('=');
  return token.startsWith('--') && eq > 2
    ? [token.slice(0, eq), token.slice(eq + 1)]
    : [token, undefined];
}

function parseBoolean(raw: string, what: string): boolean {
  if (/^(true|yes|1|on)$/i.test(raw)) return true;
  if (/^(false|no|0|off)$/i.test(raw)) return false;
  throw new UsageError(`Invalid value '${raw}' for ${what}: expected true or false.`, {
    option: what,
  });
}

/**
 * Turns argv words into one invocation: global flags and context options anywhere, command
 * words (group, command, aliases, flag aliases), then the command's own arguments.
 */
export class ArgvParser {
  private readonly contextFlags: Map<string, string>;

  constructor(
    private readonly registry: CliRegistry,
    private readonly contextOptions: Record<string, CliGlobalOption>,
    private readonly usage: UsageLines,
  ) {
    this.contextFlags = contextFlagMap(contextOptions);
  }

  parse(tokens: string[], globals: GlobalValues): ParsedInvocation {
    try {
      return this.parseWords(tokens, globals);
    } catch (error) {
      if (error instanceof UsageError && !error.usage) error.usage = this.usage.program();
      throw error;
    }
  }

  private parseWords(tokens: string[], globals: GlobalValues): ParsedInvocation {
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      if (token === '--') {
        i++;
        continue;
      }
      if (isOption(token)) {
        const used = this.tryGlobal(tokens, i, globals);
        if (used) {
          i += used;
          continue;
        }
        const aliased = this.registry.resolveFlagAlias(token);
        if (aliased) return this.parseCommand(aliased, tokens.slice(i + 1), globals);
        const known = [
          ...BUILT_IN_FLAGS,
          ...this.contextFlags.keys(),
          ...this.registry.flagAliasWords(),
        ];
        throw this.unknownOption(token, known, this.usage.program());
      }
      if (token === 'help') return this.parseHelp(tokens.slice(i + 1), globals);
      const entry = this.registry.resolve(token);
      if (!entry) throw this.unknownCommand(token);
      if (entry.kind === 'classic')
        return { kind: 'classic', classic: entry.classic, tokens: tokens.slice(i), globals };
      if (entry.kind === 'command')
        return this.parseCommand(entry.command, tokens.slice(i + 1), globals);
      return this.parseGroup(entry.group, tokens.slice(i + 1), globals);
    }
    if (globals.version) return { kind: 'version', globals };
    if (globals.help) return { kind: 'help', target: { kind: 'program' }, globals };
    if (globals.interactive) return { kind: 'shell', globals };
    return { kind: 'none', globals };
  }

  private parseGroup(group: GroupEntry, tokens: string[], globals: GlobalValues): ParsedInvocation {
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      if (isOption(token)) {
        const used = this.tryGlobal(tokens, i, globals);
        if (used) {
          i += used;
          continue;
        }
        throw this.unknownOption(
          token,
          [...BUILT_IN_FLAGS, ...this.contextFlags.keys()],
          this.usage.group(group),
        );
      }
      const command = this.registry.resolveInGroup(group, token);
      if (!command) throw this.unknownCommand(token, group);
      return this.parseCommand(command, tokens.slice(i + 1), globals);
    }
    if (globals.version) return { kind: 'version', globals };
    if (globals.help) return { kind: 'help', target: { kind: 'group', group }, globals };
    const error = new UsageError(`Missing command for group '${group.meta.name}'.`, {
      command: group.meta.name,
    });
    error.usage = this.usage.group(group);
    throw error;
  }

  private parseHelp(tokens: string[], globals: GlobalValues): ParsedInvocation {
    const words: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!isOption(tokens[i])) words.push(tokens[i]);
      else i += Math.max(this.tryGlobal(tokens, i, globals), 1) - 1;
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

  private parseCommand(
    command: CommandDefinition,
    tokens: string[],
    globals: GlobalValues,
  ): ParsedInvocation {
    const byFlag = new Map<string, ArgumentDefinition>();
    for (const arg of command.args) for (const flag of arg.flags) byFlag.set(flag, arg);
    const given = new Map<string, unknown>();
    const positional: string[] = [];
    let dryRun = false;
    const usage = this.usage.command(command);
    const fail = (error: UsageError): never => {
      error.usage = usage;
      error.context.command ??= command.path;
      throw error;
    };

    let i = 0;
    let literal = false;
    while (i < tokens.length) {
      const token = tokens[i];
      if (literal || !isOption(token)) {
        positional.push(token);
        i++;
        continue;
      }
      if (token === '--') {
        literal = true;
        i++;
        continue;
      }
      const [flag, inline] = splitInline(token);
      const negated = flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined;
      const arg = byFlag.get(flag) ?? (negated?.type === 'boolean' ? negated : undefined);
      if (arg) {
        if (command.dryRun && isDryRunArg(arg)) {
          dryRun =
            arg === negated ? false : inline === undefined ? true : parseBoolean(inline, flag);
          i++;
          continue;
        }
        if (arg.type === 'boolean') {
          given.set(
            arg.name,
            arg === negated ? false : inline === undefined ? true : parseBoolean(inline, flag),
          );
          i++;
          continue;
        }
        let raw = inline;
        if (raw === undefined) {
          if (i + 1 >= tokens.length || (isOption(tokens[i + 1]) && tokens[i + 1] !== '-')) {
            fail(
              new UsageError(`Option '${flag}' needs a value.`, {
                option: flag,
                argument: arg.name,
              }),
            );
          }
          raw = tokens[i + 1];
          i += 2;
        } else i++;
        if (arg.type === 'array')
          given.set(arg.name, [...((given.get(arg.name) as string[]) ?? []), raw as string]);
        else given.set(arg.name, raw);
        continue;
      }
      if (command.dryRun && (flag === '--dry-run' || flag === '--no-dry-run')) {
        dryRun = flag === '--dry-run' && (inline === undefined || parseBoolean(inline, flag));
        i++;
        continue;
      }
      try {
        const used = this.tryGlobal(tokens, i, globals);
        if (used) {
          i += used;
          continue;
        }
      } catch (error) {
        if (error instanceof UsageError) fail(error);
        throw error;
      }
      const known = [
        ...byFlag.keys(),
        ...BUILT_IN_FLAGS,
        ...this.contextFlags.keys(),
        ...(command.dryRun ? ['--dry-run'] : []),
      ];
      throw this.unknownOption(flag, known, usage, command.path);
    }

    if (globals.help) return { kind: 'help', target: { kind: 'command', command }, globals };
    if (globals.version) return { kind: 'version', globals };

    const values: Record<string, unknown> = {};
    const positionalArgs = command.args.filter(
      (a) => a.type !== 'boolean' && !(command.dryRun && isDryRunArg(a)),
    );
    const open = positionalArgs.filter((a) => !given.has(a.name));
    let p = 0;
    for (const arg of open) {
      if (p >= positional.length) break;
      if (arg.type === 'array') {
        given.set(arg.name, positional.slice(p));
        p = positional.length;
      } else given.set(arg.name, positional[p++]);
    }
    if (p < positional.length) {
      fail(new UsageError(`Unexpected argument '${positional[p]}'.`, { argument: positional[p] }));
    }
    for (const arg of command.args) {
      if (command.dryRun && isDryRunArg(arg)) {
        values[arg.name] = dryRun;
        continue;
      }
      if (!given.has(arg.name)) {
        if (arg.required)
          fail(new UsageError(`Missing required argument '${arg.name}'.`, { argument: arg.name }));
        values[arg.name] = Array.isArray(arg.defaultValue)
          ? [...arg.defaultValue]
          : arg.defaultValue;
        continue;
      }
      try {
        values[arg.name] = this.coerce(arg, given.get(arg.name));
      } catch (error) {
        if (error instanceof UsageError) fail(error);
        throw error;
      }
    }
    return { kind: 'run', command, args: values, dryRun, globals };
  }

  private coerce(arg: ArgumentDefinition, raw: unknown): unknown {
    if (arg.type === 'boolean') return raw;
    if (arg.type === 'array') {
      const items = raw as string[];
      if (arg.required && items.length === 0) {
        throw new UsageError(`Missing required argument '${arg.name}'.`, { argument: arg.name });
      }
      return items.map((item) => this.coerceOne(arg, item, arg.itemType));
    }
    return this.coerceOne(arg, raw as string, arg.type);
  }

  private coerceOne(arg: ArgumentDefinition, raw: string, type: string): unknown {
    let value: unknown = raw;
    if (type === 'number') {
      const n = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(n)) {
        throw new UsageError(
          `Invalid value '${raw}' for argument '${arg.name}': expected a number.`,
          {
            argument: arg.name,
          },
        );
      }
      value = n;
    }
    if (arg.choices && !arg.choices.map(String).includes(String(value))) {
      throw new UsageError(
        `Invalid value '${raw}' for argument '${arg.name}': choose from ${arg.choices.join(', ')}.`,
        { argument: arg.name, choices: [...arg.choices] },
      );
    }
    return value;
  }

  /** Consumes a global flag or context option at `tokens[i]`; returns how many words it took. */
  private tryGlobal(tokens: string[], i: number, globals: GlobalValues): number {
    const [flag, inline] = splitInline(tokens[i]);
    const valueOf = (): [string, number] => {
      if (inline !== undefined) return [inline, 1];
      if (i + 1 >= tokens.length || isOption(tokens[i + 1])) {
        throw new UsageError(`Option '${flag}' needs a value.`, { option: flag });
      }
      return [tokens[i + 1], 2];
    };
    switch (flag) {
      case '--output':
      case '--cli-output': {
        const [raw, used] = valueOf();
        if (!(OUTPUT_MODES as readonly string[]).includes(raw)) {
          throw new UsageError(
            `Invalid output mode '${raw}': choose from ${OUTPUT_MODES.join(', ')}.`,
            {
              option: flag,
              choices: [...OUTPUT_MODES],
            },
          );
        }
        globals.output = raw as OutputMode;
        return used;
      }
      case '--quiet':
        globals.quiet = true;
        return 1;
      case '--no-color':
        globals.color = false;
        return 1;
      case '--color':
        globals.color = true;
        return 1;
      case '--force':
      case '--yes':
        globals.force = true;
        return 1;
      case '--debug':
        globals.debug = true;
        return 1;
      case '--help':
      case '-h':
        globals.help = true;
        return 1;
      case '--version':
        globals.version = true;
        return 1;
      case '--interactive':
        globals.interactive = true;
        return 1;
    }
    const negated = flag.startsWith('--no-')
      ? this.contextFlags.get(`--${flag.slice(5)}`)
      : undefined;
    const name = this.contextFlags.get(flag) ?? negated;
    if (!name) return 0;
    const def = this.contextOptions[name];
    if (def.type === 'boolean') {
      if (negated && !this.contextFlags.has(flag)) globals.context[name] = false;
      else globals.context[name] = inline === undefined ? true : parseBoolean(inline, flag);
      return 1;
    }
    if (negated && !this.contextFlags.has(flag)) return 0;
    const [raw, used] = valueOf();
    let value: unknown = raw;
    if (def.type === 'number') {
      value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        throw new UsageError(`Invalid value '${raw}' for option '${flag}': expected a number.`, {
          option: flag,
        });
      }
    }
    if (def.choices && !def.choices.map(String).includes(String(value))) {
      throw new UsageError(
        `Invalid value '${raw}' for option '${flag}': choose from ${def.choices.join(', ')}.`,
        {
          option: flag,
          choices: [...def.choices],
        },
      );
    }
    globals.context[name] = value;
    return used;
  }

  private unknownCommand(word: string, group?: GroupEntry): UnknownCommandError {
    const prefix = group ? `${group.meta.name} ` : '';
    const candidates = group ? this.registry.groupWords(group) : this.registry.topLevelWords();
    const suggestions = suggest(word, candidates).map((s) => `${prefix}${s}`);
    const error = new UnknownCommandError(
      `Unknown command '${prefix}${word}'.${didYouMean(suggestions)}`,
      {
        command: `${prefix}${word}`,
        suggestions,
      },
    );
    error.usage = group ? this.usage.group(group) : this.usage.program();
    return error;
  }

  private unknownOption(
    flag: string,
    known: string[],
    usage: string,
    command?: string,
  ): UsageError {
    const suggestions = suggest(
      flag,
      known.filter((k) => k.startsWith('--')),
    );
    const error = new UsageError(`Unknown option '${flag}'.${didYouMean(suggestions)}`, {
      option: flag,
      ...(command ? { command } : {}),
    });
    error.usage = usage;
    return error;
  }
}
