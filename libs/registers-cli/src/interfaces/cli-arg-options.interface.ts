export type CliArgType = 'string' | 'number' | 'boolean' | 'array';

export interface CliArgOptions {
  /** Allowed values, validated and shown in help. */
  choices?: readonly (string | number)[];
  /** With a default the argument is optional (positional or `--name value`); without, required. */
  default?: unknown;
  help?: string;
  /** Other option names, e.g. `'-t'` or `'--heading'`. */
  alias?: string | string[];
  /** Override the type read from `design:paramtypes`. */
  type?: CliArgType;
  /** Element type of an array argument (`design:paramtypes` only says `Array`); default string. */
  items?: 'string' | 'number';
  /** Make an argument without a default optional (its value is then `undefined`). */
  optional?: boolean;
}

export interface CliArgMetadata extends CliArgOptions {
  name: string;
  index: number;
}
