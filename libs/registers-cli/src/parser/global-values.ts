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
  /** `--raw-csv`: csv cells without the spreadsheet formula guard. */
  rawCsv: boolean;
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
    rawCsv: false,
    context: {},
  };
}

/** The shell's start-up values for one of its lines: what to do (help, version, shell) is per line. */
export function cloneGlobals(values: GlobalValues): GlobalValues {
  return {
    ...values,
    help: false,
    version: false,
    interactive: false,
    context: { ...values.context },
  };
}
