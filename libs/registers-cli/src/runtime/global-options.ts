import { OUTPUT_MODES } from '../constants';
import { flagsFor } from '../command-definition.factory';
import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { OutputMode } from '../interfaces/output-mode.type';

/** Values of the global flags for one invocation. */
export interface GlobalValues {
  output?: OutputMode;
  quiet: boolean;
  color: boolean;
  force: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
  interactive: boolean;
  /** Context options (`--env`, `--region`, …) that were given. */
  context: Record<string, unknown>;
}

export function emptyGlobals(): GlobalValues {
  return {
    quiet: false,
    color: true,
    force: false,
    debug: false,
    help: false,
    version: false,
    interactive: false,
    context: {},
  };
}

export function cloneGlobals(values: GlobalValues): GlobalValues {
  return {
    ...values,
    help: false,
    version: false,
    interactive: false,
    context: { ...values.context },
  };
}

export interface GlobalFlagHelp {
  flags: string;
  help: string;
}

export const BUILT_IN_FLAG_HELP: GlobalFlagHelp[] = [
  { flags: '--output <mode>', help: `Output mode: ${OUTPUT_MODES.join('|')} (also --cli-output)` },
  { flags: '--quiet', help: 'Print results only, no progress or diagnostics' },
  { flags: '--no-color', help: 'Disable colors' },
  { flags: '--force, --yes', help: 'Skip confirmation prompts' },
  { flags: '--debug', help: 'Timing, logs and stack traces on stderr' },
  { flags: '--interactive', help: 'Start the interactive shell' },
  { flags: '-h, --help', help: 'Show help' },
  { flags: '--version', help: 'Print the version' },
];

export const BUILT_IN_FLAGS = [
  '--output',
  '--cli-output',
  '--quiet',
  '--no-color',
  '--color',
  '--force',
  '--yes',
  '--debug',
  '--interactive',
  '--help',
  '-h',
  '--version',
];

/** Flags of the context options, e.g. `--env` → `env`. */
export function contextFlagMap(options: Record<string, CliGlobalOption>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, def] of Object.entries(options)) {
    for (const flag of flagsFor(name, def.alias)) map.set(flag, name);
  }
  return map;
}
