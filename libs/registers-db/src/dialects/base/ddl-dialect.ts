import type { DialectName } from '../../query/query-dialect.interface';
import type { LogicalType, ModelMetadata } from '../../interfaces/model-metadata.interface';
import { doubleQuoted } from './quote-identifier';
import type {
  ColumnShape,
  ColumnTypeRule,
  ColumnTypeSpec,
  BoundSql,
  LiveColumn,
} from './ddl-shapes';
import { constraintName } from './constraint-names';

const COMMON_COLUMN_TYPES: Partial<Record<LogicalType, ColumnTypeRule>> = {
  integer: { type: 'integer' },
  bigint: { type: 'bigint' },
  boolean: { type: 'boolean' },
  string: (column) => ({ type: 'varchar', length: column.length ?? 255 }),
  text: { type: 'text' },
  uuid: { type: 'varchar', length: 36 },
  date: { type: 'date' },
};

/**
 * SQL DDL of one dialect: column types, CREATE/ALTER/DROP statements and the catalog
 * queries behind schemaExists/columnNames/schemaDiff. Identifiers reach it only from
 * model metadata or validated names; catalog lookups bind the table name as a parameter.
 */
export abstract class DdlDialect {
  abstract readonly name: DialectName;

  /** An identifier in ANSI double quotes (MySQL overrides with backticks). */
  quote(identifier: string): string {
    return doubleQuoted(identifier);
  }
  /** This dialect's column types where they differ from COMMON_COLUMN_TYPES (or are not there). */
  protected abstract readonly columnTypes: Partial<Record<LogicalType, ColumnTypeRule>>;

  /**
   * A column's type in TypeORM's column vocabulary. Enums are an integer column when all
   * their values are numbers and a string column otherwise.
   */
  typeormType(column: ColumnShape): ColumnTypeSpec {
    if (column.type === 'enum') {
      const numeric = column.enumValues?.every((v) => typeof v === 'number');
      return this.typeormType({ ...column, type: numeric ? 'integer' : 'string' });
    }
    const rule = this.columnTypes[column.type] ?? COMMON_COLUMN_TYPES[column.type]!;
    return typeof rule === 'function' ? rule(column) : { ...rule };
  }

  /** The SQL type of a column (`varchar(255)`, `numeric(12,2)`, `timestamptz`, …). */
  sqlType(column: ColumnShape): string {
    const spec = this.typeormType(column);
    if (spec.precision !== undefined) return `${spec.type}(${spec.precision},${spec.scale ?? 0})`;
    return spec.length ? `${spec.type}(${spec.length})` : spec.type;
  }

  /** A boolean as a SQL literal. */
  protected abstract booleanLiteral(value: boolean): string;
  /** `PRIMARY KEY` column definition of a database-generated key. */
  protected abstract autoincrementKey(column: ColumnShape): string;
  protected tableSuffix(): string {
    return '';
  }
  /** Escapes a string literal's content. */
  protected escapeString(value: string): string {
    return value.replace(/'/g, "''");
  }
  abstract tableExistsSql(table: string): BoundSql;
  abstract columnsSql(table: string): BoundSql;
  /** Reads one row of `columnsSql` into a LiveColumn (an information_schema row unless overridden). */
  liveColumn(row: Record<string, unknown>): LiveColumn {
    return { name: String(row.name), type: String(row.type), nullable: row.nullable === 'YES' };
  }
  /** Coarse family of a SQL type name for drift checks (`character varying` → `string`). */
  abstract typeFamily(sqlType: string): string;

  /** A SQL type name in lower case without its `(length)` or `(precision,scale)`. */
  protected baseTypeName(sqlType: string): string {
    return sqlType
      .toLowerCase()
      .replace(/\(.*\)/, '')
      .trim();
  }

  renameTableSql(from: string, to: string): string {
    return `ALTER TABLE ${this.quote(from)} RENAME TO ${this.quote(to)}`;
  }

  dropTableSql(table: string): string {
    return `DROP TABLE IF EXISTS ${this.quote(table)}`;
  }

  deleteAllSql(table: string): string {
    return `DELETE FROM ${this.quote(table)}`;
  }

  /** A SQL literal for a column default, or undefined when the value has no SQL form. */
  literal(value: unknown, type: LogicalType): string | undefined {
    if (value === undefined || value === null || typeof value === 'function') return undefined;
    if (typeof value === 'boolean') return this.booleanLiteral(value);
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Date) return `'${this.escapeString(this.dateLiteral(value, type))}'`;
    if (typeof value === 'string') return `'${this.escapeString(value)}'`;
    if (type === 'json') return `'${this.escapeString(JSON.stringify(value))}'`;
    return undefined;
  }

  /** A column default the way TypeORM's schema comparison expects it for this dialect. */
  typeormDefault(value: unknown, type: LogicalType): unknown {
    if (Number.isInteger(value)) return value;
    const literal = this.literal(value, type);
    return literal === undefined ? undefined : () => literal;
  }

  protected dateLiteral(value: Date, _type: LogicalType): string {
    return value.toISOString();
  }

  /** `"name" varchar(255) NOT NULL DEFAULT 'x'`. */
  columnDefinition(
    _table: string,
    column: ColumnShape,
    options: { primaryKey?: boolean } = {},
  ): string {
    if (options.primaryKey && column.idStrategy === 'autoincrement')
      return this.autoincrementKey(column);
    const parts = [this.quote(column.column), this.sqlType(column)];
    if (options.primaryKey) parts.push('NOT NULL PRIMARY KEY');
    else if (!column.nullable) parts.push('NOT NULL');
    const dflt = this.literal(column.default, column.type);
    if (dflt !== undefined && !options.primaryKey) parts.push(`DEFAULT ${dflt}`);
    return parts.join(' ');
  }

  /** CREATE TABLE (with key, uniques, foreign keys, checks) and its indexes. */
  createTableSql(meta: ModelMetadata, options: { deferForeignKeys?: string[] } = {}): string[] {
    const { table } = meta;
    const lines: string[] = [];
    for (const field of meta.fields) {
      lines.push(this.columnDefinition(table, field, { primaryKey: field.isKey }));
    }
    for (const group of meta.unique) {
      const columns = group.map((p) => meta.fieldsByProperty.get(p)!.column);
      if (columns.length === 1 && columns[0] === meta.fieldsByProperty.get(meta.key)?.column)
        continue;
      lines.push(
        `CONSTRAINT ${this.quote(constraintName(table, columns, 'key'))} UNIQUE (${columns.map((c) => this.quote(c)).join(', ')})`,
      );
    }
    for (const field of meta.fields) {
      if (field.enumValues?.length) lines.push(this.enumCheck(table, field));
    }
    for (const field of meta.fields) {
      if (field.foreignKey && !options.deferForeignKeys?.includes(field.column)) {
        lines.push(this.foreignKeyClause(table, field));
      }
    }
    // One line: TypeORM finds SQLite CHECK constraints in sqlite_master.sql line by line.
    const statements = [
      `CREATE TABLE IF NOT EXISTS ${this.quote(table)} (${lines.join(', ')})${this.tableSuffix()}`,
    ];
    for (const field of meta.fields) {
      if (field.index && !field.unique && !field.isKey)
        statements.push(this.createIndexSql(table, [field.column]));
    }
    return statements;
  }

  /** Enum columns are a plain varchar/integer constrained to their values, the same on every dialect. */
  enumCheck(table: string, column: ColumnShape): string {
    const values = column.enumValues!.map((v) => this.literal(v, column.type)).join(', ');
    return `CONSTRAINT ${this.quote(constraintName(table, [column.column], 'check'))} CHECK (${this.quote(column.column)} IN (${values}))`;
  }

  foreignKeyClause(table: string, column: ColumnShape): string {
    const fk = column.foreignKey!;
    return `CONSTRAINT ${this.quote(constraintName(table, [column.column], 'fkey'))} FOREIGN KEY (${this.quote(column.column)}) REFERENCES ${this.quote(fk.table)} (${this.quote(fk.column)}) ON DELETE NO ACTION ON UPDATE NO ACTION`;
  }

  /** A foreign key added after both tables exist (used to close reference cycles). */
  addForeignKeySql(table: string, column: ColumnShape): string {
    return `ALTER TABLE ${this.quote(table)} ADD ${this.foreignKeyClause(table, column)}`;
  }

  /** Whether `CREATE INDEX IF NOT EXISTS` exists (not on MySQL 8). */
  protected get indexIfNotExists(): boolean {
    return true;
  }

  /**
   * Whether a DDL error means another process created the same table or index at the same
   * moment (then the table is there and the error can be ignored).
   */
  isConcurrentCreation(error: unknown): boolean {
    return /already exists/i.test(String((error as Error)?.message ?? ''));
  }

  createIndexSql(table: string, columns: string[]): string {
    return `CREATE INDEX ${this.indexIfNotExists ? 'IF NOT EXISTS ' : ''}${this.quote(constraintName(table, columns, 'idx'))} ON ${this.quote(table)} (${columns.map((c) => this.quote(c)).join(', ')})`;
  }

  addColumnSql(table: string, column: ColumnShape): string[] {
    return [`ALTER TABLE ${this.quote(table)} ADD COLUMN ${this.columnDefinition(table, column)}`];
  }

  /**
   * Names of the renamed table's indexes/constraints (and key sequence) that live in a
   * database-wide namespace and would block re-creating a table under the old name.
   */
  dependentNamesSql(_table: string, _from: string): BoundSql | undefined {
    return undefined;
  }

  /** Renames (or rebuilds) the library-named indexes/constraints after `from` became `to`. */
  renameDependentsSql(
    _meta: ModelMetadata,
    _from: string,
    _to: string,
    _live: Set<string>,
  ): string[] {
    return [];
  }

  /** Library-named objects of a model: [kind, columns, field] for each index/constraint it created. */
  protected namedObjects(
    meta: ModelMetadata,
  ): Array<{ kind: 'key' | 'idx' | 'fkey' | 'check'; columns: string[]; field?: ColumnShape }> {
    const keyColumn = meta.fieldsByProperty.get(meta.key)?.column;
    const objects: Array<{
      kind: 'key' | 'idx' | 'fkey' | 'check';
      columns: string[];
      field?: ColumnShape;
    }> = [];
    for (const group of meta.unique) {
      const columns = group.map((p) => meta.fieldsByProperty.get(p)!.column);
      if (!(columns.length === 1 && columns[0] === keyColumn))
        objects.push({ kind: 'key', columns });
    }
    for (const f of meta.fields) {
      if (f.index && !f.unique && !f.isKey)
        objects.push({ kind: 'idx', columns: [f.column], field: f });
      if (f.foreignKey) objects.push({ kind: 'fkey', columns: [f.column], field: f });
      if (f.enumValues?.length) objects.push({ kind: 'check', columns: [f.column], field: f });
    }
    return objects;
  }

  /** Whether DDL can be rolled back (PostgreSQL, SQLite); MySQL commits each DDL statement. */
  get transactionalDdl(): boolean {
    return true;
  }

  /**
   * Whether DDL can run on another connection while a transaction is open (a pool), rather
   * than inside it (SQLite's single connection).
   */
  get ddlOutsideTransactions(): boolean {
    return true;
  }

  /** Whether FKs may point at tables created later (SQLite checks them only on writes). */
  get lazyForeignKeys(): boolean {
    return false;
  }
}
