import { UsageError } from '../errors/cli.errors';
import { usageMessages } from '../errors/messages';
import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { flagsFor } from './flag-spellings';
import { GLOBAL_FLAG_NAMES, globalFlagNamed } from './global-flags';
import { GlobalValues } from './global-values';
import { parseBoolean } from './parse-boolean';
import { Token, valueAfter } from './tokenize';

/** Flags of the context options, e.g. `--env` → `env`. */
export function contextFlagMap(options: Record<string, CliGlobalOption>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, def] of Object.entries(options)) {
    for (const flag of flagsFor(name, def.alias)) map.set(flag, name);
  }
  return map;
}

/**
 * Reads the options that are valid anywhere on the line: the built-in global flags and the
 * context options (`--env`, `--region`, …) of the `@CliContext()` provider.
 */
export class GlobalOptionReader {
  private readonly contextFlags: Map<string, string>;

  constructor(private readonly contextOptions: Record<string, CliGlobalOption>) {
    this.contextFlags = contextFlagMap(contextOptions);
  }

  /** Every global spelling, for "Did you mean …?". */
  knownFlags(): string[] {
    return [...GLOBAL_FLAG_NAMES, ...this.contextFlags.keys()];
  }

  /**
   * Records the global flag or context option at `tokens[i]` on `globals`; returns how many
   * tokens it took (0: not a global option).
   */
  read(tokens: readonly Token[], i: number, globals: GlobalValues): number {
    const token = tokens[i];
    if (token.kind !== 'option') return 0;
    const { name: flag, inline } = token;
    const valueOf = (): [string, number] => {
      if (inline !== undefined) return [inline, 1];
      const value = valueAfter(tokens, i);
      if (value === undefined) {
        throw new UsageError(usageMessages.optionNeedsValue(flag), { option: flag });
      }
      return [value, 2];
    };

    const builtIn = globalFlagNamed(flag);
    if (builtIn) {
      if (!builtIn.takesValue) {
        builtIn.apply(globals, undefined, flag);
        return 1;
      }
      const [raw, used] = valueOf();
      builtIn.apply(globals, raw, flag);
      return used;
    }

    const negated = flag.startsWith('--no-')
      ? this.contextFlags.get(`--${flag.slice(5)}`)
      : undefined;
    const name = this.contextFlags.get(flag) ?? negated;
    if (!name) return 0;
    const def = this.contextOptions[name];
    const isNegation = negated !== undefined && !this.contextFlags.has(flag);
    if (def.type === 'boolean') {
      globals.context[name] = isNegation
        ? false
        : inline === undefined
          ? true
          : parseBoolean(inline, flag);
      return 1;
    }
    // `--no-<name>` only negates booleans.
    if (isNegation) return 0;
    const [raw, used] = valueOf();
    globals.context[name] = this.coerce(def, raw, flag);
    return used;
  }

  private coerce(def: CliGlobalOption, raw: string, flag: string): unknown {
    let value: unknown = raw;
    if (def.type === 'number') {
      value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        throw new UsageError(usageMessages.optionNotANumber(raw, flag), { option: flag });
      }
    }
    if (def.choices && !def.choices.map(String).includes(String(value))) {
      throw new UsageError(usageMessages.optionNotAChoice(raw, flag, def.choices), {
        option: flag,
        choices: [...def.choices],
      });
    }
    return value;
  }
}
