import { INestApplicationContext, LoggerService, LogLevel, Type } from '@nestjs/common';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliRunner } from './cli.runner';
import { CliError } from './errors/cli.errors';
import { reserveStdoutForProtocol, startsMcp } from './mcp/stdout-guard';
import { BootstrapLogger } from './runtime/bootstrap-logger';
import { exitAfterFlush } from './runtime/exit-after-flush';
import { EXIT_FAILURE } from './runtime/exit-codes';
import { withSigintExit } from './runtime/sigint';

export interface RegistersCliRunOptions {
  /** Words to run instead of `process.argv.slice(2)`. */
  argv?: string[];
  /**
   * Nest logger (default: errors and warnings only, and a start-up error as the console's
   * one `Error:` line rather than Nest's logged stack).
   */
  logger?: LoggerService | LogLevel[] | false;
  /**
   * End the process with the exit code once the run is over and stdout/stderr are flushed,
   * instead of waiting for Node to free the heap (tens of milliseconds at exit) or for
   * handles a provider left open. For a console's entry point; leave it off when embedding.
   */
  exitWhenDone?: boolean;
}

/**
 * The console entrypoint: nest-commander's CommandFactory builds the app (so classic
 * `@Command` classes work too), the registers runtime runs argv, the app closes, and
 * `process.exitCode` is set (0 ok, 1 failure, 2 usage error, 130 interrupted); with
 * `exitWhenDone` the process then ends with that code.
 */
export class RegistersCli {
  static async run(
    rootModule: Type<unknown>,
    options: RegistersCliRunOptions = {},
  ): Promise<number> {
    const code = await RegistersCli.execute(rootModule, options);
    process.exitCode = code;
    if (options.exitWhenDone) await exitAfterFlush(code);
    return code;
  }

  private static async execute(
    rootModule: Type<unknown>,
    options: RegistersCliRunOptions,
  ): Promise<number> {
    let app: INestApplicationContext;
    // Under `mcp` stdout is the protocol's from the first byte: a warning Nest logs while the
    // app starts goes to stderr.
    if (startsMcp(options.argv ?? process.argv.slice(2))) reserveStdoutForProtocol();
    try {
      // abortOnError: false makes Nest rethrow a start-up error instead of printing it and
      // ending the process, so it is reported below like any other error.
      app = await CommandFactory.createWithoutRunning(rootModule, {
        logger: options.logger ?? new BootstrapLogger(),
        abortOnError: false,
      });
    } catch (error) {
      const err = error as Error;
      process.stderr.write(`Error: ${err.message}\n`);
      if ((options.argv ?? process.argv).includes('--debug') && err.stack)
        process.stderr.write(`${err.stack}\n`);
      return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
    }
    try {
      const runner = RegistersCli.findRunner(app);
      if (runner)
        return await withSigintExit(() => runner.run(options.argv ?? process.argv.slice(2)));
      // RegistersCliModule is not imported: behave like plain nest-commander.
      await app
        .get(CommandRunnerService)
        .run(options.argv ? ['node', 'cli', ...options.argv] : undefined);
      return typeof process.exitCode === 'number' ? process.exitCode : 0;
    } finally {
      await app.close();
    }
  }

  private static findRunner(app: INestApplicationContext): CliRunner | undefined {
    try {
      return app.get(CliRunner, { strict: false });
    } catch {
      return undefined;
    }
  }
}
