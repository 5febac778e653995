/** An in-process registers console for tests of the db commands. */
import { Readable } from 'node:stream';
import { DynamicModule, INestApplicationContext, Module, Provider } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { CliRunner, RegistersCliModule } from '@registers/cli';

/** What one command line printed and its exit code. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Starts (without running) a console of the `ops` CLI module, without history, and
 * `imports`; `run` executes one command line with no stdin, no TTY and an empty env,
 * capturing stdout and stderr.
 */
export async function startCliConsole(imports: DynamicModule[], providers: Provider[] = []) {
  @Module({
    imports: [RegistersCliModule.forRoot({ name: 'ops', history: false }), ...imports],
    providers,
  })
  class ConsoleModule {}
  const app: INestApplicationContext = await CommandFactory.createWithoutRunning(ConsoleModule, {
    logger: false,
  });
  const runner = app.get(CliRunner, { strict: false });
  const run = async (...argv: string[]): Promise<RunResult> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runner.run(argv, {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      stdin: Readable.from([]),
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: {},
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
  return { app, run, close: () => app.close() };
}
