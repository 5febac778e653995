import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';

export interface SchemaChange {
  query: string;
  parameters?: unknown[];
}

const MIGRATION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** `add-motto` → `AddMotto`. */
export function pascalCase(name: string): string {
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** SQL as a template literal (readable quotes), with nothing in it interpolated. */
function templateLiteral(sql: string): string {
  return `\`${sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}

/** The body lines of a migration's up() or down(): one `queryRunner.query` per change. */
export function migrationStatements(changes: SchemaChange[]): string {
  return changes
    .map((c) => {
      const params = c.parameters?.length ? `, ${JSON.stringify(c.parameters)}` : '';
      return `    await queryRunner.query(${templateLiteral(c.query)}${params});`;
    })
    .join('\n');
}

export function assertMigrationName(name: string): void {
  if (typeof name !== 'string' || !MIGRATION_NAME.test(name)) {
    throw new ConfigurationError(configurationMessages.invalidMigrationName(String(name)), {
      migration: String(name),
    });
  }
}

/** A TypeORM migration class (the same shape `typeorm migration:generate` writes). */
export function migrationSource(
  name: string,
  timestamp: number,
  up: SchemaChange[],
  down: SchemaChange[],
): {
  className: string;
  source: string;
} {
  assertMigrationName(name);
  const className = `${pascalCase(name)}${timestamp}`;
  const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${migrationStatements(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${migrationStatements(down)}
  }
}
`;
  return { className, source };
}
