import { CommandContext } from './command-context.interface';

/**
 * Runs around every registers command. Hooks are optional; `before` hooks run in registration
 * order, then the handler, then `after` (or `onError` when it failed) in the same order.
 */
export interface CliMiddleware {
  before?(cmd: CommandContext, args: Record<string, unknown>): void | Promise<void>;
  after?(cmd: CommandContext, result: unknown): void | Promise<void>;
  onError?(cmd: CommandContext, error: unknown): void | Promise<void>;
}
