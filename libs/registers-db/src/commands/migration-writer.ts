import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertMigrationName,
  migrationStatements,
  pascalCase,
  SchemaChange,
} from '../registry/migration-file';
import type { DatabaseRegistry } from '../registry/database-registry';
import type { MigrationExtension } from './interfaces/registers-db-commands-options.interface';

export interface WrittenMigration {
  path: string;
  className: string;
  up: SchemaChange[];
  down: SchemaChange[];
}

/**
 * `ts` when these commands run from TypeScript sources (ts-node, swc-node, jest), where the
 * registry can load a `.ts` migration; `js` in compiled or bundled JavaScript, which cannot.
 */
export function defaultMigrationExtension(): MigrationExtension {
  return __filename.endsWith('.ts') || /\.[cm]?ts$/.test(process.argv[1] ?? '') ? 'ts' : 'js';
}

/** A JavaScript string literal (JSON's escaping is valid JavaScript, and inert). */
function literal(value: string): string {
  return JSON.stringify(value);
}

/**
 * A CommonJS TypeORM migration: the class TypeORM expects (`name`, `up`, `down`), with no
 * `require`, so it loads from any folder, also next to a bundled console.
 */
export function commonJsMigrationSource(
  className: string,
  up: SchemaChange[],
  down: SchemaChange[],
): string {
  return `'use strict';

/** @typedef {import('typeorm').MigrationInterface} MigrationInterface */
/** @implements {MigrationInterface} */
class ${className} {
  constructor() {
    this.name = ${literal(className)};
  }

  /** @param {import('typeorm').QueryRunner} queryRunner */
  async up(queryRunner) {
${migrationStatements(up)}
  }

  /** @param {import('typeorm').QueryRunner} queryRunner */
  async down(queryRunner) {
${migrationStatements(down)}
  }
}

module.exports = { ${className} };
`;
}

/**
 * Writes `<timestamp>-<name>.<extension>` for the registry's pending schema changes into
 * `directory`; null (and no file) when the database matches the models. `.ts` files come from
 * the registry's own generator, `.js` files are CommonJS.
 */
export async function writeMigration(
  registry: DatabaseRegistry,
  name: string,
  options: { directory: string; extension: MigrationExtension },
): Promise<WrittenMigration | null> {
  if (options.extension === 'ts') {
    return registry.generateMigration(name, { directory: options.directory });
  }
  assertMigrationName(name);
  const { up, down } = await registry.schemaChanges();
  if (up.length === 0) return null;
  const timestamp = Date.now();
  const className = `${pascalCase(name)}${timestamp}`;
  await mkdir(options.directory, { recursive: true });
  const path = join(options.directory, `${timestamp}-${name}.js`);
  await writeFile(path, commonJsMigrationSource(className, up, down), { flag: 'wx' });
  return { path, className, up, down };
}
