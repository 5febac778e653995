import { GlobalValues } from '../parser/global-values';

/** How `CliRunner.run` runs a line on behalf of the interactive shell. */
export interface RunOptions {
  /** Global values inherited from the shell invocation. */
  globals?: GlobalValues;
  /** True inside the interactive shell (no nested shells). */
  inShell?: boolean;
  /** How a confirmation is asked (the shell reads the answer from its own line reader). */
  ask?: (message: string) => Promise<boolean | null>;
}
