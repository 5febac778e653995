/** `RegistersDbCommandsModule.forRoot()` options. */
export interface RegistersDbCommandsOptions {
  /**
   * Name of the registry (the `name` given to `RegistersDbModule.forRoot`) the commands work
   * on. Default: the default registry.
   */
  connection?: string;
  /** Folder `migration:generate` writes into (relative to the working directory). Default `migrations`. */
  migrationsDir?: string;
  /**
   * Command group name. Default `db`; give another one (e.g. `analytics-db`) to add a second
   * set of commands for another registry.
   */
  group?: string;
}

/** The options with their defaults applied (what the command class receives). */
export type ResolvedDbCommandsOptions = Required<RegistersDbCommandsOptions>;
