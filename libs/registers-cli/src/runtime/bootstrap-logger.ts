import { ConsoleLogger } from '@nestjs/common';

/**
 * Nest's logger while a console starts: errors and warnings, except the entry Nest's
 * ExceptionHandler writes for a failed start-up (the whole error object, stack and all).
 * The console reports that error itself, as one `Error: <message>` line, with the stack only
 * under `--debug`.
 */
export class BootstrapLogger extends ConsoleLogger {
  constructor() {
    super();
    this.setLogLevels(['error', 'warn']);
  }

  override error(message: unknown, ...rest: unknown[]): void {
    if (rest[rest.length - 1] === 'ExceptionHandler') return;
    super.error(message, ...rest);
  }
}
