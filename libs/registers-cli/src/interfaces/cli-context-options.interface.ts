import { CommandContext } from './command-context.interface';

/** One global option declared by a context provider, e.g. `--env`. */
export interface CliGlobalOption {
  default?: string | number | boolean;
  help?: string;
  choices?: readonly string[];
  type?: 'string' | 'number' | 'boolean';
  alias?: string | string[];
}

export interface CliContextOptions {
  /** Global options (name → definition), accepted before or after the command words. */
  options?: Record<string, CliGlobalOption>;
}

/**
 * A `@CliContext()` provider may implement `create` to build the object `@Ctx()` receives.
 * Without it, the context is the parsed option values.
 */
export interface CliContextFactory<TContext extends object = Record<string, unknown>> {
  create(
    values: Record<string, unknown>,
    invocation: Pick<CommandContext, 'command' | 'args' | 'dryRun' | 'output'>,
  ): TContext | Promise<TContext>;
}

/** `forRoot({ context })` may also take a plain definition instead of a provider class. */
export interface CliContextDefinition<
  TContext extends object = Record<string, unknown>,
> extends CliContextOptions {
  create?: CliContextFactory<TContext>['create'];
}
