import { OutputMode } from './output-mode.type';

export interface CliCommandOptions {
  description?: string;
  /**
   * Other names. Plain words (`'s'`) are sub-command aliases; flag-style aliases
   * (`'--add'`, `'-a'`) invoke the command from the top level: `todo --add x` = `todo add x`.
   */
  aliases?: string[];
  /** Example command lines shown in the command's help. */
  examples?: string[];
  /** Output mode when `--output` is not given (default `plain`). */
  defaultOutput?: OutputMode;
  /** Keep the command out of the help listings (it still runs). */
  hidden?: boolean;
}

export interface CliCommandMetadata extends CliCommandOptions {
  name: string;
}
