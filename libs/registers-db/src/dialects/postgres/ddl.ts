import type { DialectName } from '../../query/query-dialect.interface';
import type { LogicalType, ModelMetadata } from '../../interfaces/model-metadata.interface';
import { constraintName } from '../base/constraint-names';
import { DdlDialect } from '../base/ddl-dialect';
import type { BoundSql, ColumnShape, ColumnTypeRule } from '../base/ddl-shapes';

/** PostgreSQL DDL: timestamptz dates, jsonb, native uuid, serial keys; the current schema only. */
export class PostgresDdl extends DdlDialect {
  readonly name: DialectName = 'postgres';

  protected readonly columnTypes: Partial<Record<LogicalType, ColumnTypeRule>> = {
    double: { type: 'double precision' },
    decimal: (column) => ({
      type: 'numeric',
      precision: column.precision ?? 12,
      scale: column.scale ?? 2,
    }),
    uuid: { type: 'uuid' },
    datetime: (column) => ({ type: column.timezone === false ? 'timestamp' : 'timestamptz' }),
    json: { type: 'jsonb' },
  };

  protected booleanLiteral(value: boolean): string {
    return value ? 'TRUE' : 'FALSE';
  }

  protected autoincrementKey(column: ColumnShape): string {
    return `${this.quote(column.column)} ${column.type === 'bigint' ? 'bigserial' : 'serial'} NOT NULL PRIMARY KEY`;
  }

  tableExistsSql(table: string): BoundSql {
    return {
      sql: 'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1',
      params: [table],
    };
  }

  columnsSql(table: string): BoundSql {
    return {
      sql:
        'SELECT column_name AS name, data_type AS type, is_nullable AS nullable FROM information_schema.columns ' +
        'WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
      params: [table],
    };
  }

  isConcurrentCreation(error: unknown): boolean {
    const e = error as { code?: string; constraint?: string };
    // 42P07 duplicate table/index, 42710 duplicate object; a concurrent CREATE TABLE can
    // also collide on a unique index of the system catalogs (pg_type, pg_class).
    return (
      e?.code === '42P07' ||
      e?.code === '42710' ||
      (e?.code === '23505' && (e.constraint ?? '').startsWith('pg_'))
    );
  }

  dependentNamesSql(table: string, from: string): BoundSql {
    return {
      sql:
        'SELECT c.conname AS name FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid ' +
        'JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relname = $1 AND n.nspname = current_schema() ' +
        'UNION SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 ' +
        'UNION SELECT s.relname AS name FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace ' +
        "WHERE s.relkind = 'S' AND n.nspname = current_schema() AND s.relname LIKE $2",
      params: [table, `${from}%`],
    };
  }

  /**
   * Constraint, index and sequence names are schema-wide: give them the new table's names
   * (the key constraint must stay `<table>_pkey` for duplicate-key detection).
   */
  renameDependentsSql(meta: ModelMetadata, from: string, to: string, live: Set<string>): string[] {
    const statements: string[] = [];
    const rename = (kind: 'pkey' | 'key' | 'idx' | 'fkey' | 'check', columns: string[]) => {
      const old = kind === 'pkey' ? `${from}_pkey` : constraintName(from, columns, kind);
      const next = kind === 'pkey' ? `${to}_pkey` : constraintName(to, columns, kind);
      if (!live.has(old) || old === next) return;
      statements.push(
        kind === 'idx'
          ? `ALTER INDEX ${this.quote(old)} RENAME TO ${this.quote(next)}`
          : `ALTER TABLE ${this.quote(to)} RENAME CONSTRAINT ${this.quote(old)} TO ${this.quote(next)}`,
      );
    };
    rename('pkey', []);
    for (const { kind, columns } of this.namedObjects(meta)) rename(kind, columns);
    const key = meta.fieldsByProperty.get(meta.key);
    if (key?.idStrategy === 'autoincrement') {
      const old = `${from}_${key.column}_seq`;
      if (live.has(old))
        statements.push(
          `ALTER SEQUENCE ${this.quote(old)} RENAME TO ${this.quote(`${to}_${key.column}_seq`)}`,
        );
    }
    return statements;
  }

  typeFamily(sqlType: string): string {
    const base = this.baseTypeName(sqlType);
    if (/^(integer|int|int4|serial|smallint|int2)$/.test(base)) return 'integer';
    if (/^(bigint|int8|bigserial)$/.test(base)) return 'bigint';
    if (/^(double precision|float8|real|float4)$/.test(base)) return 'double';
    if (base === 'numeric' || base === 'decimal') return 'decimal';
    if (/^(character varying|varchar|character|char)$/.test(base)) return 'string';
    if (base === 'timestamptz' || base === 'timestamp with time zone') return 'timestamptz';
    if (base === 'timestamp' || base === 'timestamp without time zone') return 'timestamp';
    if (base === 'json' || base === 'jsonb') return 'json';
    return base;
  }
}
