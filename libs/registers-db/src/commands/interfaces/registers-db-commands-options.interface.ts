import type { MigrationExtension } from '../../migrations/interfaces/migration.interfaces';

export type { MigrationExtension };

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
   * What `db migration:generate` writes. Default: `ts` when the commands run from TypeScript
   * sources (ts-node, swc-node, jest), `js` (CommonJS) in compiled or bundled JavaScript,
   * which cannot load `.ts` files. Point the registry's `migrations` glob at the same extension.
   */
  migrationExtension?: MigrationExtension;
  /**
   * Command group name. Default `db`; give another one (e.g. `analytics-db`) to add a second
   * set of commands for another registry.
   */
  group?: string;
}

/** The options with their defaults applied (what the command class receives). */
export type ResolvedDbCommandsOptions = Required<RegistersDbCommandsOptions>;
