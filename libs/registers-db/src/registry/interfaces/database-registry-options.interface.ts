import type { DataSource } from 'typeorm';
import type { DatabaseConnection } from '../../connection/database-connection';
import type { FieldCipherOptions } from '../../security/encryption/field-cipher-options.interface';

export interface DatabaseRegistryOptions {
  /** `sqlite:path.db`, `sqlite::memory:`, `postgres://…`, `mysql://…`. Default: `REGISTERS_DATABASE_URL`, else `sqlite:data/registers.db`. */
  url?: string;
  /** Registry (and connection) name; named registries coexist. Default `default`. */
  name?: string;
  /** Create missing tables lazily before first use. Default true. */
  autoCreate?: boolean;
  logging?: boolean;
  /** Extra TypeORM DataSource options (other unknown keys are merged in too). */
  typeorm?: Record<string, unknown>;
  /** TypeORM migrations (classes or file globs) for runMigrations / revertMigration / migrationStatus. */
  migrations?: Array<Function | string>;
  /** Table of executed TypeORM migrations. Default `registers_migrations`. */
  migrationsTableName?: string;
  /**
   * The key (`{ key }`, base64 or 32 bytes) or `{ keyProvider }` of the models' `encrypted`
   * fields. Without it, those models read a base64 key from REGISTERS_ENCRYPTION_KEY.
   */
  encryption?: FieldCipherOptions;
  /**
   * Adopt the application's initialized TypeORM DataSource instead of opening a database:
   * the registry runs on its pool, creates only its own models' tables, and `dispose()`
   * leaves it open. The dialect follows its `type` (better-sqlite3, postgres, mysql, mariadb).
   */
  dataSource?: DataSource;
  /** Use an existing connection instead of opening one from `url` (it is not closed by dispose). */
  connection?: DatabaseConnection;
  [typeormExtra: string]: unknown;
}
