import { OutputMode } from './output-mode.type';

export interface ProgressBar {
  /** Advance by `step` (default 1). */
  tick(step?: number): void;
  /** Set the absolute value. */
  update(value: number): void;
  /** Finish the bar (clears the line on a TTY). */
  done(): void;
}

/**
 * What `@Ctx()` injects: the invocation's flags and helpers, plus every property of the
 * context built by the `@CliContext()` provider (e.g. `env`, `region`).
 */
export interface CommandContextBase {
  /** Full command path, e.g. `deploy service`. */
  readonly command: string;
  /** Bound argument values by name. */
  readonly args: Record<string, unknown>;
  readonly output: OutputMode;
  readonly quiet: boolean;
  readonly force: boolean;
  readonly debug: boolean;
  readonly color: boolean;
  /** True with `--dry-run` on a `@DryRun()` command. */
  readonly dryRun: boolean;
  readonly interactive: boolean;
  /** Progress bar on stderr; renders only on a TTY and not with `--quiet`. */
  progress(total: number, label?: string): ProgressBar;
  /** Ask a yes/no question on the TTY; without a TTY returns `force`. */
  confirm(message: string): Promise<boolean>;
  /** Write a diagnostic line to stderr (silent with `--quiet`). */
  log(message: string): void;
}

export type CommandContext<TContext extends object = Record<string, unknown>> = CommandContextBase &
  TContext;
