import { OutputMode } from './output-mode.type';

/** How a command appears to MCP clients when the console runs as `<name> mcp`. */
export interface CliCommandMcpOptions {
  /**
   * `true` lists a `@Confirm` command (or a hidden one) as a tool; `false` keeps any command
   * out. Without it every command but `@Confirm` and hidden ones is a tool.
   */
  expose?: boolean;
  /** The command only reads: the tool carries `readOnlyHint`. */
  readOnly?: boolean;
  /** The command deletes or overwrites: `destructiveHint` (implied by `@Confirm`). */
  destructive?: boolean;
  /**
   * More tools made from this command with some arguments fixed, e.g. one `cron_trigger_<job>`
   * per manual job. Called with the command's provider when `mcp` starts.
   */
  presets?: (instance: any) => CliMcpPreset[] | Promise<CliMcpPreset[]>;
}

/** One extra tool of a command: the command with some argument values fixed. */
export interface CliMcpPreset {
  /** Appended to the command's tool name: `rebuild` → `cron_trigger_rebuild`. */
  suffix: string;
  /** Default: the command's description. */
  description?: string;
  /** Argument values by name; these arguments leave the tool's input schema. */
  arguments: Record<string, unknown>;
}

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
  /** Exposure and hints of the command's MCP tool. */
  mcp?: CliCommandMcpOptions;
}

export interface CliCommandMetadata extends CliCommandOptions {
  name: string;
}
