import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  GeneratedMigration,
  MigrationExtension,
  SchemaChanges,
} from './interfaces/migration.interfaces';
import { migrationSource, migrationStatements, pascalCase, SchemaChange } from './migration-file';

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
 * Writes `<timestamp>-<name>.<extension>` into `directory` (created when missing; an existing
 * file is never overwritten): a TypeScript class, or a CommonJS module for `js`.
 */
export async function writeMigrationFile(
  name: string,
  changes: SchemaChanges,
  options: { directory: string; timestamp: number; extension: MigrationExtension },
): Promise<GeneratedMigration> {
  const { up, down } = changes;
  const { directory, timestamp, extension } = options;
  let className: string;
  let source: string;
  if (extension === 'ts') {
    ({ className, source } = migrationSource(name, timestamp, up, down));
  } else {
    className = `${pascalCase(name)}${timestamp}`;
    source = commonJsMigrationSource(className, up, down);
  }
  await mkdir(directory, { recursive: true });
  const path = join(directory, `${timestamp}-${name}.${extension}`);
  await writeFile(path, source, { flag: 'wx' });
  return { path, className, up, down };
}
