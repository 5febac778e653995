import { DynamicModule, Type } from '@nestjs/common';
import { CliContextDefinition } from './cli-context-options.interface';
import { CliMiddleware } from './cli-middleware.interface';

export interface CliHistoryOptions {
  /** History file; default `~/.<name>_history` (or `./.<name>_history` without a home). */
  file?: string;
  /** Lines kept (default 500). `false` for `history` disables persistence. */
  size?: number;
}

export interface RegistersCliModuleOptions {
  /** Program name shown in usage lines, e.g. `todo`. */
  name: string;
  /** Shell title (default: `name`). */
  title?: string;
  description?: string;
  version?: string;
  /** A `@CliContext()` provider class or a plain definition. */
  context?: Type<unknown> | CliContextDefinition<any>;
  /** Nest modules contributing commands (e.g. from `loadPlugins(dir)`). */
  plugins?: Array<Type<unknown> | DynamicModule>;
  /** Middleware providers, run in this order. */
  middleware?: Type<CliMiddleware>[];
  /** Shell history persistence; `false` disables it. */
  history?: CliHistoryOptions | false;
}

export interface RegistersCliFeatureOptions {
  middleware?: Type<CliMiddleware>[];
}
