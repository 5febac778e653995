import { CliMiddleware } from '../interfaces/cli-middleware.interface';
import { CommandContext } from '../interfaces/command-context.interface';

/** Built-in middleware, active with `--debug`: start, finish and failure lines with timings on stderr. */
export class TimingMiddleware implements CliMiddleware {
  private readonly started = new WeakMap<object, bigint>();

  constructor(private readonly stderr: { write(chunk: string): unknown }) {}

  before(cmd: CommandContext, args: Record<string, unknown>): void {
    if (!cmd.debug) return;
    this.started.set(cmd, process.hrtime.bigint());
    this.stderr.write(`[debug] ${cmd.command} started with ${JSON.stringify(args)}\n`);
  }

  after(cmd: CommandContext): void {
    if (!cmd.debug) return;
    this.stderr.write(`[debug] ${cmd.command} finished in ${this.elapsed(cmd)} ms\n`);
  }

  onError(cmd: CommandContext, error: unknown): void {
    if (!cmd.debug) return;
    const name = error instanceof Error ? error.name : 'Error';
    this.stderr.write(`[debug] ${cmd.command} failed after ${this.elapsed(cmd)} ms (${name})\n`);
  }

  private elapsed(cmd: object): string {
    const start = this.started.get(cmd);
    return start === undefined ? '?' : (Number(process.hrtime.bigint() - start) / 1e6).toFixed(1);
  }
}
