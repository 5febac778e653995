import { UsageError } from '../errors/cli.errors';
import { usageMessages } from '../errors/messages';
import { ArgumentDefinition, CommandDefinition } from '../interfaces/command-definition.interface';
import { GlobalOptionReader } from './global-option-reader';
import { GlobalValues } from './global-values';
import { parseBoolean } from './parse-boolean';
import { ParsedInvocation, UsageLines } from './parsed-invocation';
import { Token, valueAfter } from './tokenize';
import { unknownOption } from './usage-errors';

/** Booleans are flags only; every other argument is positional too (in declaration order). */
export function positionalArguments(
  command: Pick<CommandDefinition, 'args'>,
): ArgumentDefinition[] {
  return command.args.filter((arg) => arg.type !== 'boolean');
}

/**
 * Step 3 of parsing: the tokens after the command words → a value for every argument of the
 * command (options by flag, then positionals in order, then defaults), typed and validated.
 * Global options are still accepted here; a command's own flag wins over a global one.
 */
export class ArgumentBinder {
  constructor(
    private readonly globalOptions: GlobalOptionReader,
    private readonly usage: UsageLines,
  ) {}

  bind(command: CommandDefinition, tokens: Token[], globals: GlobalValues): ParsedInvocation {
    const byFlag = new Map<string, ArgumentDefinition>();
    for (const arg of command.args) for (const flag of arg.flags) byFlag.set(flag, arg);
    const given = new Map<string, unknown>();
    const positional: string[] = [];
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
      if (literal || token.kind === 'word') {
        positional.push(token.text);
        i++;
        continue;
      }
      if (token.kind === 'separator') {
        literal = true;
        i++;
        continue;
      }
      const { name: flag, inline } = token;
      const negated = flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined;
      const arg = byFlag.get(flag) ?? (negated?.type === 'boolean' ? negated : undefined);
      if (arg?.type === 'boolean') {
        given.set(
          arg.name,
          arg === negated ? false : inline === undefined ? true : parseBoolean(inline, flag),
        );
        i++;
        continue;
      }
      if (arg) {
        const raw = inline ?? valueAfter(tokens, i);
        if (raw === undefined) {
          fail(
            new UsageError(usageMessages.optionNeedsValue(flag), {
              option: flag,
              argument: arg.name,
            }),
          );
        }
        i += inline === undefined ? 2 : 1;
        if (arg.type === 'array')
          given.set(arg.name, [...((given.get(arg.name) as string[]) ?? []), raw as string]);
        else given.set(arg.name, raw);
        continue;
      }
      let used = 0;
      try {
        used = this.globalOptions.read(tokens, i, globals);
      } catch (error) {
        if (error instanceof UsageError) fail(error);
        throw error;
      }
      if (used) {
        i += used;
        continue;
      }
      const known = [...byFlag.keys(), ...this.globalOptions.knownFlags()];
      throw unknownOption(flag, known, usage, command.path);
    }

    if (globals.help) return { kind: 'help', target: { kind: 'command', command }, globals };
    if (globals.version) return { kind: 'version', globals };

    const open = positionalArguments(command).filter((a) => !given.has(a.name));
    let p = 0;
    for (const arg of open) {
      if (p >= positional.length) break;
      if (arg.type === 'array') {
        given.set(arg.name, positional.slice(p));
        p = positional.length;
      } else given.set(arg.name, positional[p++]);
    }
    if (p < positional.length) {
      fail(
        new UsageError(usageMessages.unexpectedArgument(positional[p]), {
          argument: positional[p],
        }),
      );
    }

    const values: Record<string, unknown> = {};
    for (const arg of command.args) {
      if (!given.has(arg.name)) {
        if (arg.required) {
          fail(new UsageError(usageMessages.missingArgument(arg.name), { argument: arg.name }));
        }
        values[arg.name] = Array.isArray(arg.defaultValue)
          ? [...arg.defaultValue]
          : arg.defaultValue;
        continue;
      }
      try {
        values[arg.name] = coerce(arg, given.get(arg.name));
      } catch (error) {
        if (error instanceof UsageError) fail(error);
        throw error;
      }
    }
    return { kind: 'run', command, args: values, globals };
  }
}

function coerce(arg: ArgumentDefinition, raw: unknown): unknown {
  if (arg.type === 'boolean') return raw;
  if (arg.type === 'array') {
    const items = raw as string[];
    if (arg.required && items.length === 0) {
      throw new UsageError(usageMessages.missingArgument(arg.name), { argument: arg.name });
    }
    return items.map((item) => coerceOne(arg, item, arg.itemType));
  }
  return coerceOne(arg, raw as string, arg.type);
}

function coerceOne(arg: ArgumentDefinition, raw: string, type: string): unknown {
  let value: unknown = raw;
  if (type === 'number') {
    const n = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(n)) {
      throw new UsageError(usageMessages.argumentNotANumber(raw, arg.name), {
        argument: arg.name,
      });
    }
    value = n;
  }
  if (arg.choices && !arg.choices.map(String).includes(String(value))) {
    throw new UsageError(usageMessages.argumentNotAChoice(raw, arg.name, arg.choices), {
      argument: arg.name,
      choices: [...arg.choices],
    });
  }
  return value;
}
