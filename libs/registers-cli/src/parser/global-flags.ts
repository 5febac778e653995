import { UsageError } from '../errors/cli.errors';
import { usageMessages } from '../errors/messages';
import { OutputMode } from '../interfaces/output-mode.type';
import { OUTPUT_MODES } from '../output/output-modes';
import { GlobalValues } from './global-values';

export interface GlobalFlagHelpRow {
  /** Left column, e.g. `-h, --help` or `--output <mode>`. */
  flags: string;
  text: string;
}

/** One built-in global flag: how it is spelled, what it records, how help lists it. */
export interface GlobalFlag {
  /** Every spelling that sets it. The first one is what a command's own argument may take over. */
  readonly names: readonly string[];
  /** Takes a value: `--output json` or `--output=json`. */
  readonly takesValue?: boolean;
  /** Its row under "Global options"; a flag without one is accepted but not listed. */
  readonly help?: GlobalFlagHelpRow & {
    /** The row on a command that owns an argument spelled like `names[0]`; `null` drops it. */
    readonly whenOwned?: GlobalFlagHelpRow | null;
  };
  /** Records the flag on the invocation's values; a bad value throws a UsageError. */
  apply(globals: GlobalValues, value: string | undefined, spelling: string): void;
}

function outputMode(raw: string, spelling: string): OutputMode {
  if (!(OUTPUT_MODES as readonly string[]).includes(raw)) {
    throw new UsageError(usageMessages.invalidOutputMode(raw, OUTPUT_MODES), {
      option: spelling,
      choices: [...OUTPUT_MODES],
    });
  }
  return raw as OutputMode;
}

/**
 * The built-in global flags, accepted before or after the command words. The parser, the
 * help's "Global options" and shell completion all read this table.
 */
export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  {
    names: ['--output', '--cli-output'],
    takesValue: true,
    help: {
      flags: '--output <mode>',
      text: `Output mode: ${OUTPUT_MODES.join('|')} (also --cli-output)`,
      whenOwned: { flags: '--cli-output <mode>', text: `Output mode: ${OUTPUT_MODES.join('|')}` },
    },
    apply: (globals, value, spelling) => {
      globals.output = outputMode(value ?? '', spelling);
    },
  },
  {
    names: ['--raw-csv'],
    help: {
      flags: '--raw-csv',
      text: "CSV cells as they are: no ' before a cell that starts like a formula",
    },
    apply: (globals) => {
      globals.rawCsv = true;
    },
  },
  {
    names: ['--quiet'],
    help: { flags: '--quiet', text: 'Print results only, no progress or diagnostics' },
    apply: (globals) => {
      globals.quiet = true;
    },
  },
  {
    names: ['--no-color'],
    help: { flags: '--no-color', text: 'Disable colors' },
    apply: (globals) => {
      globals.color = false;
    },
  },
  // Undoes an earlier --no-color (e.g. one given when the shell started); not listed.
  {
    names: ['--color'],
    apply: (globals) => {
      globals.color = true;
    },
  },
  {
    names: ['--force', '--yes'],
    help: { flags: '--force, --yes', text: 'Skip confirmation prompts' },
    apply: (globals) => {
      globals.force = true;
    },
  },
  {
    names: ['--debug'],
    help: { flags: '--debug', text: 'Timing, logs and stack traces on stderr' },
    apply: (globals) => {
      globals.debug = true;
    },
  },
  {
    names: ['--interactive'],
    help: { flags: '--interactive', text: 'Start the interactive shell' },
    apply: (globals) => {
      globals.interactive = true;
    },
  },
  {
    names: ['--help', '-h'],
    help: { flags: '-h, --help', text: 'Show help' },
    apply: (globals) => {
      globals.help = true;
    },
  },
  {
    names: ['--version'],
    help: { flags: '--version', text: 'Print the version', whenOwned: null },
    apply: (globals) => {
      globals.version = true;
    },
  },
];

/** Every spelling of every built-in global flag. */
export const GLOBAL_FLAG_NAMES: readonly string[] = GLOBAL_FLAGS.flatMap((flag) => flag.names);

const BY_NAME = new Map(GLOBAL_FLAGS.flatMap((flag) => flag.names.map((name) => [name, flag])));

export function globalFlagNamed(spelling: string): GlobalFlag | undefined {
  return BY_NAME.get(spelling);
}
