import { UsageError } from '../errors/cli.errors';
import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { CliRegistry } from '../registry/cli.registry';
import { ArgumentBinder } from './bind-arguments';
import { GlobalOptionReader } from './global-option-reader';
import { GlobalValues } from './global-values';
import { ParsedInvocation, UsageLines } from './parsed-invocation';
import { CommandResolver } from './resolve-command';
import { tokenize } from './tokenize';

export type { HelpTarget, ParsedInvocation, UsageLines } from './parsed-invocation';

/**
 * Turns argv words into one invocation, in three steps: tokenize (`tokenize.ts`), resolve the
 * command words (`resolve-command.ts`), bind the command's arguments (`bind-arguments.ts`).
 * Global flags and context options are accepted anywhere on the line.
 */
export class ArgvParser {
  private readonly resolver: CommandResolver;
  private readonly binder: ArgumentBinder;

  constructor(
    registry: CliRegistry,
    contextOptions: Record<string, CliGlobalOption>,
    private readonly usage: UsageLines,
  ) {
    const globalOptions = new GlobalOptionReader(contextOptions);
    this.resolver = new CommandResolver(registry, globalOptions, usage);
    this.binder = new ArgumentBinder(globalOptions, usage);
  }

  /** Records global options on `globals` as it goes; throws a UsageError for a bad line. */
  parse(argv: string[], globals: GlobalValues): ParsedInvocation {
    try {
      const resolved = this.resolver.resolve(tokenize(argv), globals);
      return resolved.kind === 'command'
        ? this.binder.bind(resolved.command, resolved.rest, globals)
        : resolved;
    } catch (error) {
      if (error instanceof UsageError && !error.usage) error.usage = this.usage.program();
      throw error;
    }
  }
}
