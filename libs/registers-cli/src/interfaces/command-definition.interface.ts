import { CliArgType } from './cli-arg-options.interface';
import { CliCommandMetadata } from './cli-command-options.interface';
import { CliGroupMetadata } from './cli-group-options.interface';

/** One argument of a registered command after types and defaults are resolved. */
export interface ArgumentDefinition {
  name: string;
  /** Parameter index in the handler (-1 for arguments that exist only as flags). */
  index: number;
  type: CliArgType;
  /** Element type of variadic arrays. */
  itemType: 'string' | 'number';
  required: boolean;
  hasDefault: boolean;
  defaultValue: unknown;
  choices?: readonly (string | number)[];
  help?: string;
  /** Option spellings accepted, e.g. `['--title', '-t']`. */
  flags: string[];
  /**
   * Added by the library rather than declared with `@Arg` (the `--dry-run` of `@DryRun()`):
   * help lists it after the command's own options, as its first flag and its help text.
   */
  builtIn?: boolean;
}

/** A registered command with everything the runtime needs. */
export interface CommandDefinition {
  name: string;
  /** `group command` or `command`. */
  path: string;
  group?: CliGroupMetadata;
  meta: CliCommandMetadata;
  /** Plain-word aliases. */
  aliases: string[];
  /** Flag-style aliases (`--add`, `-a`). */
  flagAliases: string[];
  args: ArgumentDefinition[];
  ctxIndex: number[];
  /** True for a `@DryRun()` command. */
  dryRun: boolean;
  /** Name of the boolean argument `@DryRun()` added (`--dry-run`); its value is `ctx.dryRun`. */
  dryRunArgument?: string;
  confirm?: string;
  /** `ClassName.method`, used in duplicate errors. */
  owner: string;
  instance: object;
  methodName: string;
}
