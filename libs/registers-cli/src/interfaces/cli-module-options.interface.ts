import { DynamicModule, Type } from '@nestjs/common';
import { CliContextDefinition } from './cli-context-options.interface';
import { CliMiddleware } from './cli-middleware.interface';

export interface CliHistoryOptions {
  /** History file; default `~/.<name>_history` (or `./.<name>_history` without a home). */
  file?: string;
  /** Lines kept (default 500). `false` for `history` disables persistence. */
  size?: number;
}

/**
 * Which commands `<name> mcp` serves as tools, by command path (`remove`, `deploy service`) or
 * tool name (`deploy_service`). A command's own `mcp.expose` wins over these lists.
 */
export interface CliMcpOptions {
  /** Commands to serve that are left out by default (`@Confirm` and hidden ones). */
  expose?: string[];
  /** Commands never served. */
  exclude?: string[];
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
  /** What the built-in `mcp` command serves. */
  mcp?: CliMcpOptions;
}

export interface RegistersCliFeatureOptions {
  middleware?: Type<CliMiddleware>[];
}
