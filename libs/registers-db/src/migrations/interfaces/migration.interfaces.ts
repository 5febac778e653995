import type { SchemaChange } from '../migration-file';

/** File type a generated migration is written as: a TypeScript class or a CommonJS module. */
export type MigrationExtension = 'ts' | 'js';

/** A configured TypeORM migration and whether it ran on this database. */
export interface MigrationStatus {
  name: string;
  executed: boolean;
}

/** What TypeORM would run to make the database match the models, and to undo it. */
export interface SchemaChanges {
  up: SchemaChange[];
  down: SchemaChange[];
}

/** Options of `registry.migrations.generate()`. */
export interface GenerateMigrationOptions {
  /** Folder to write into (created when missing). Default `migrations`. */
  directory?: string;
  /** The file name prefix and class name suffix. Default `Date.now()`. */
  timestamp?: number;
  /** Default `ts`. */
  extension?: MigrationExtension;
}

/** A migration file written by `generate()`. */
export interface GeneratedMigration extends SchemaChanges {
  path: string;
  className: string;
}
