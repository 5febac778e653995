import type { LogicalType, ModelMetadata } from '../../interfaces/model-metadata.interface';
import { constraintName } from '../base/constraint-names';
import type { DialectName } from '../../query/query-dialect.interface';
import { backtickQuoted } from '../base/quote-identifier';
import { DdlDialect } from '../base/ddl-dialect';
import type { BoundSql, ColumnShape, ColumnTypeRule } from '../base/ddl-shapes';

/**
 * MySQL / MariaDB DDL: InnoDB, utf8mb4_unicode_ci, tinyint(1) booleans, datetime(3) in UTC,
 * text and json as longtext (json so MySQL and MariaDB store it the same way).
 */
export class MysqlDdl extends DdlDialect {
  readonly name: DialectName = 'mysql';

  quote(identifier: string): string {
    return backtickQuoted(identifier);
  }

  protected readonly columnTypes: Partial<Record<LogicalType, ColumnTypeRule>> = {
    integer: { type: 'int' },
    double: { type: 'double' },
    decimal: (column) => ({
      type: 'decimal',
      precision: column.precision ?? 12,
      scale: column.scale ?? 2,
    }),
    boolean: { type: 'boolean', width: 1 },
    datetime: { type: 'datetime', precision: 3 },
    // MariaDB's `text` holds 64 KB; text fields hold up to TEXT_MAX_BYTES on every dialect.
    text: { type: 'longtext' },
    json: { type: 'longtext' },
  };

  sqlType(column: ColumnShape): string {
    const spec = this.typeormType(column);
    if (spec.type === 'boolean') return 'tinyint(1)';
    if (spec.type === 'datetime') return `datetime(${spec.precision})`;
    return super.sqlType(column);
  }

  protected booleanLiteral(value: boolean): string {
    return value ? '1' : '0';
  }

  protected escapeString(value: string): string {
    return value.replace(/\\/g, '\\\\').replace(/'/g, "''");
  }

  protected dateLiteral(value: Date, type: LogicalType): string {
    const iso = value.toISOString();
    return type === 'date' ? iso.slice(0, 10) : iso.replace('T', ' ').replace('Z', '');
  }

  typeormDefault(value: unknown, type: LogicalType): unknown {
    if (typeof value === 'boolean' || Number.isInteger(value)) return value;
    return super.typeormDefault(value, type);
  }

  protected autoincrementKey(column: ColumnShape): string {
    return `${this.quote(column.column)} ${column.type === 'bigint' ? 'bigint' : 'int'} NOT NULL AUTO_INCREMENT PRIMARY KEY`;
  }

  protected tableSuffix(): string {
    return ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
  }

  renameTableSql(from: string, to: string): string {
    return `RENAME TABLE ${this.quote(from)} TO ${this.quote(to)}`;
  }

  protected get indexIfNotExists(): boolean {
    return false;
  }

  isConcurrentCreation(error: unknown): boolean {
    const errno = (error as { errno?: number })?.errno;
    // ER_TABLE_EXISTS_ERROR, ER_DUP_KEYNAME
    return errno === 1050 || errno === 1061;
  }

  get transactionalDdl(): boolean {
    return false;
  }

  dependentNamesSql(table: string): BoundSql {
    return {
      sql: 'SELECT CONSTRAINT_NAME AS name FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      params: [table],
    };
  }

  /** Foreign key (and MySQL check) names are database-wide and cannot be renamed: rebuild them. */
  renameDependentsSql(meta: ModelMetadata, from: string, to: string, live: Set<string>): string[] {
    const statements: string[] = [];
    for (const { kind, columns, field } of this.namedObjects(meta)) {
      if (kind !== 'fkey' && kind !== 'check') continue;
      const old = constraintName(from, columns, kind);
      if (!live.has(old)) continue;
      const table = this.quote(to);
      statements.push(
        kind === 'fkey'
          ? `ALTER TABLE ${table} DROP FOREIGN KEY ${this.quote(old)}, ADD ${this.foreignKeyClause(to, field!)}`
          : `ALTER TABLE ${table} DROP CONSTRAINT ${this.quote(old)}, ADD ${this.enumCheck(to, field!)}`,
      );
    }
    return statements;
  }

  tableExistsSql(table: string): BoundSql {
    return {
      sql: 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      params: [table],
    };
  }

  columnsSql(table: string): BoundSql {
    return {
      sql:
        'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable FROM information_schema.COLUMNS ' +
        'WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      params: [table],
    };
  }

  typeFamily(sqlType: string): string {
    const lower = sqlType.toLowerCase().trim();
    if (lower.startsWith('tinyint(1)') || lower === 'boolean' || lower === 'bool') return 'boolean';
    const base = this.baseTypeName(sqlType)
      .replace(/\s+unsigned$/, '')
      .trim();
    if (/^(int|integer|smallint|mediumint|tinyint)$/.test(base)) return 'integer';
    if (/^(double|float|real)$/.test(base)) return 'double';
    if (base === 'decimal' || base === 'numeric') return 'decimal';
    if (base === 'varchar' || base === 'char') return 'string';
    if (/^(text|tinytext|mediumtext|longtext|json)$/.test(base))
      return base === 'text' ? 'text' : 'longtext';
    return base;
  }
}
