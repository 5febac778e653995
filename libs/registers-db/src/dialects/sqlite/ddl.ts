import type { DialectName } from '../../query/query-dialect.interface';
import type { LogicalType, ModelMetadata } from '../../interfaces/model-metadata.interface';
import { constraintName } from '../base/constraint-names';
import { DdlDialect } from '../base/ddl-dialect';
import type { BoundSql, ColumnShape, ColumnTypeRule, LiveColumn } from '../base/ddl-shapes';

/**
 * SQLite DDL. Types are affinities: booleans 0/1, dates ISO-8601 text, json text, decimals REAL.
 * Foreign keys are declared inline (SQLite cannot add them later) and enforced by the
 * connection's `PRAGMA foreign_keys = ON`.
 */
export class SqliteDdl extends DdlDialect {
  readonly name: DialectName = 'sqlite';

  protected readonly columnTypes: Partial<Record<LogicalType, ColumnTypeRule>> = {
    double: { type: 'real' },
    decimal: { type: 'real' },
    datetime: { type: 'datetime' },
    json: { type: 'json' },
  };

  protected booleanLiteral(value: boolean): string {
    return value ? '1' : '0';
  }

  protected autoincrementKey(column: ColumnShape): string {
    return `${this.quote(column.column)} integer NOT NULL PRIMARY KEY AUTOINCREMENT`;
  }

  tableExistsSql(table: string): BoundSql {
    return {
      sql: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`,
      params: [table],
    };
  }

  columnsSql(table: string): BoundSql {
    return {
      sql: `SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?) ORDER BY cid`,
      params: [table],
    };
  }

  liveColumn(row: Record<string, unknown>): LiveColumn {
    return {
      name: String(row.name),
      type: String(row.type),
      nullable: Number(row.not_null) === 0 && Number(row.pk) === 0,
    };
  }

  typeFamily(sqlType: string): string {
    const base = this.baseTypeName(sqlType);
    if (/^(integer|int|bigint|smallint|tinyint|mediumint|int2|int8)$/.test(base)) return 'integer';
    if (/^(real|double|double precision|float|numeric|decimal)$/.test(base)) return 'number';
    if (/^(varchar|char|character|nvarchar|nchar|varying character)$/.test(base)) return 'string';
    if (/^(text|clob)$/.test(base)) return 'text';
    if (base === 'datetime' || base === 'timestamp') return 'datetime';
    return base;
  }

  dependentNamesSql(table: string): BoundSql {
    return {
      sql: `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`,
      params: [table],
    };
  }

  /** Index names are database-wide and cannot be renamed: rebuild them under the new name. */
  renameDependentsSql(meta: ModelMetadata, from: string, to: string, live: Set<string>): string[] {
    const statements: string[] = [];
    for (const { kind, columns } of this.namedObjects(meta)) {
      if (kind !== 'idx' || !live.has(constraintName(from, columns, 'idx'))) continue;
      statements.push(
        `DROP INDEX ${this.quote(constraintName(from, columns, 'idx'))}`,
        this.createIndexSql(to, columns),
      );
    }
    return statements;
  }

  get ddlOutsideTransactions(): boolean {
    return false;
  }

  get lazyForeignKeys(): boolean {
    return true;
  }
}
