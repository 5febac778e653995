import { CommandContextBase, ProgressBar } from '../interfaces/command-context.interface';
import { OutputMode } from '../interfaces/output-mode.type';
import { CliIO } from './cli-io';
import { createProgressBar } from './progress-bar';

export interface InvocationState {
  command: string;
  args: Record<string, unknown>;
  output: OutputMode;
  quiet: boolean;
  force: boolean;
  debug: boolean;
  color: boolean;
  dryRun: boolean;
  interactive: boolean;
  ask: (message: string) => Promise<boolean | null>;
}

/** The object `@Ctx()` receives; the user context's properties are copied onto it. */
export class InvocationContext implements CommandContextBase {
  readonly command: string;
  readonly args: Record<string, unknown>;
  readonly output: OutputMode;
  readonly quiet: boolean;
  readonly force: boolean;
  readonly debug: boolean;
  readonly color: boolean;
  readonly dryRun: boolean;
  readonly interactive: boolean;
  /** The object built by the `@CliContext()` provider, as it was returned. */
  context: unknown;

  constructor(
    state: InvocationState,
    private readonly io: CliIO,
  ) {
    this.command = state.command;
    this.args = state.args;
    this.output = state.output;
    this.quiet = state.quiet;
    this.force = state.force;
    this.debug = state.debug;
    this.color = state.color;
    this.dryRun = state.dryRun;
    this.interactive = state.interactive;
    Object.defineProperty(this, 'io', { enumerable: false });
    Object.defineProperty(this, 'askFn', { value: state.ask, enumerable: false });
  }

  progress(total: number, label?: string): ProgressBar {
    return createProgressBar(this.io.stderr, this.io.stderrIsTTY && !this.quiet, total, label);
  }

  async confirm(message: string): Promise<boolean> {
    if (this.force) return true;
    if (!this.io.stdinIsTTY) return false;
    const answer = await (this as unknown as { askFn: InvocationState['ask'] }).askFn(message);
    return answer === true;
  }

  log(message: string): void {
    if (!this.quiet) this.io.stderr.write(`${message}\n`);
  }
}
