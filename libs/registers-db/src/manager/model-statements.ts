import type { ExecuteResult } from '../dialects/base/driver-session.interface';
import type { Dialect } from '../dialects/base/dialect.interface';
import { selectedColumn } from '../dialects/base/selected-column';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';

/**
 * The SQL text of one model's fixed statements, built once per model and dialect and
 * reused (the connection prepares each distinct text once). Variable-size statements
 * (multi-row inserts, upserts per conflict target) are cached by shape.
 */
export class ModelStatements {
  readonly table: string;
  readonly keyField: FieldMetadata;
  readonly keyColumn: string;
  /** `"id", "name", …` in field order: every SELECT returns these. */
  readonly selectList: string;
  readonly selectFrom: string;
  readonly selectByKey: string;
  /** Removes a row for good (also the hard delete of soft-delete models). */
  readonly deleteByKey: string;
  /** Soft-delete models: the condition of rows that are not deleted, else ''. */
  readonly live: string;
  /** Soft-delete models: `UPDATE … SET deleted_at = $1 WHERE key = $2 AND deleted_at IS NULL`. */
  readonly softDeleteByKey?: string;
  /** Soft-delete models: clears deleted_at of a deleted row (`$1` the key). */
  readonly restoreByKey?: string;
  readonly deletedAtField?: FieldMetadata;
  readonly countFrom: string;
  /** `SELECT 1 AS "x" FROM table`: exists() adds its WHERE and LIMIT 1. */
  readonly existsFrom: string;
  /** Fields written by INSERT: all stored fields but a database-generated key. */
  readonly insertFields: FieldMetadata[];
  /** Fields written by save(): all but the key. */
  readonly updateFields: FieldMetadata[];
  readonly updateByKey: string;
  readonly generatedKey: boolean;
  /**
   * The single-row INSERT of insertFields. Where the driver reports the generated key as its
   * insert id, it has no RETURNING (SQLite then builds no result row); see keyRowsOf.
   */
  readonly insertOne: string;
  private readonly keyFromInsertId: boolean;
  private readonly inserts = new Map<number, string>();
  private readonly plainInserts = new Map<number, string>();
  private readonly upserts = new Map<string, string>();
  private readonly partialUpdates = new Map<string, string>();

  constructor(
    readonly meta: ModelMetadata,
    readonly dialect: Dialect,
  ) {
    const q = (identifier: string) => dialect.quoteIdentifier(identifier);
    this.keyField = meta.fieldsByProperty.get(meta.key)!;
    this.keyColumn = this.keyField.column;
    this.table = q(meta.table);
    this.selectList = meta.fields.map((f) => selectedColumn(dialect, f)).join(', ');
    this.selectFrom = `SELECT ${this.selectList} FROM ${this.table}`;
    const keyIs = `${q(this.keyColumn)} = ${dialect.placeholder(1)}`;
    this.deletedAtField = meta.softDelete ? meta.fieldsByProperty.get('deletedAt') : undefined;
    const deletedAt = this.deletedAtField ? q(this.deletedAtField.column) : undefined;
    this.live = deletedAt ? `${deletedAt} IS NULL` : '';
    this.selectByKey = `${this.selectFrom} WHERE ${keyIs}${this.live ? ` AND ${this.live}` : ''}`;
    this.deleteByKey = `DELETE FROM ${this.table} WHERE ${keyIs}`;
    if (deletedAt) {
      this.softDeleteByKey =
        `UPDATE ${this.table} SET ${deletedAt} = ${dialect.placeholder(1)}` +
        ` WHERE ${q(this.keyColumn)} = ${dialect.placeholder(2)} AND ${deletedAt} IS NULL`;
      this.restoreByKey = `UPDATE ${this.table} SET ${deletedAt} = NULL WHERE ${keyIs} AND ${deletedAt} IS NOT NULL`;
    }
    this.countFrom = `SELECT COUNT(*) AS ${q('n')} FROM ${this.table}`;
    this.existsFrom = `SELECT 1 AS ${q('x')} FROM ${this.table}`;
    this.generatedKey = this.keyField.idStrategy === 'autoincrement';
    this.insertFields = this.generatedKey ? meta.fields.filter((f) => !f.isKey) : meta.fields;
    this.updateFields = meta.fields.filter((f) => !f.isKey);
    this.updateByKey = this.buildUpdateByKey(this.updateFields);
    this.keyFromInsertId = this.generatedKey && dialect.insertIdIsKey;
    this.insertOne = this.keyFromInsertId ? this.plainInsert(1) : this.insert(1);
  }

  /**
   * The rows carrying the generated key of an insertOne, as INSERT … RETURNING gives them:
   * none when no row went in (a trigger may ignore it), since the insert id is then stale.
   */
  keyRowsOf(result: ExecuteResult): Record<string, unknown>[] {
    if (!this.keyFromInsertId) return result.rows;
    return result.affected === 1 ? [{ [this.keyColumn]: result.insertId }] : [];
  }

  /** INSERT of `rows` rows of insertFields without RETURNING (see keyRowsFromInsertId). */
  plainInsert(rows: number): string {
    return this.cachedInsert(this.plainInserts, rows);
  }

  /**
   * The key rows of a plainInsert of `rows` rows whose keys follow its insert id `step`
   * apart: none unless every row went in.
   */
  keyRowsFromInsertId(
    result: ExecuteResult,
    rows: number,
    step: number,
  ): Record<string, unknown>[] {
    const first = result.insertId;
    if (result.affected !== rows || !first) return [];
    const keyRows: Record<string, unknown>[] = new Array(rows);
    for (let i = 0; i < rows; i++) keyRows[i] = { [this.keyColumn]: first + i * step };
    return keyRows;
  }

  private buildUpdateByKey(fields: FieldMetadata[]): string {
    const q = (identifier: string) => this.dialect.quoteIdentifier(identifier);
    const set = fields
      .map((f, i) => `${q(f.column)} = ${this.dialect.placeholder(i + 1)}`)
      .join(', ');
    return `UPDATE ${this.table} SET ${set} WHERE ${q(this.keyColumn)} = ${this.dialect.placeholder(fields.length + 1)}`;
  }

  /** UPDATE of the given fields by key (placeholders: the fields in order, then the key). */
  updateFieldsByKey(fields: FieldMetadata[]): string {
    const signature = fields.map((f) => f.property).join(',');
    let sql = this.partialUpdates.get(signature);
    if (!sql) {
      sql = this.buildUpdateByKey(fields);
      this.partialUpdates.set(signature, sql);
    }
    return sql;
  }

  /** Rows per multi-row statement that keep under the dialect's parameter limit. */
  get rowsPerStatement(): number {
    return Math.max(
      1,
      Math.min(
        1000,
        Math.floor(this.dialect.maxParameters / Math.max(1, this.insertFields.length)),
      ),
    );
  }

  /** INSERT of `rows` rows of insertFields; returns the generated key when there is one. */
  insert(rows: number): string {
    return this.cachedInsert(this.inserts, rows, this.generatedKey ? [this.keyColumn] : undefined);
  }

  private cachedInsert(cache: Map<number, string>, rows: number, returning?: string[]): string {
    let sql = cache.get(rows);
    if (!sql) {
      sql = this.dialect.insertSql(
        this.meta.table,
        this.insertFields.map((f) => f.column),
        rows,
        returning,
      );
      cache.set(rows, sql);
    }
    return sql;
  }

  /**
   * Upsert of `rows` rows of `fields`; on a conflict over `conflict` the `update` fields
   * take the new values. Returns the `returning` fields of each row (whole rows by default).
   */
  upsert(
    fields: FieldMetadata[],
    conflict: FieldMetadata[],
    update: FieldMetadata[],
    rows: number,
    returning: FieldMetadata[] = this.meta.fields,
  ): string {
    const names = (list: FieldMetadata[]) => list.map((f) => f.property).join(',');
    const signature = `${names(fields)}|${names(conflict)}|${names(update)}|${rows}|${names(returning)}`;
    let sql = this.upserts.get(signature);
    if (!sql) {
      sql = this.dialect.upsertSql(
        this.meta.table,
        fields.map((f) => f.column),
        conflict.map((f) => f.column),
        update.map((f) => f.column),
        rows,
        returning.map((f) => f.column),
      );
      this.upserts.set(signature, sql);
    }
    return sql;
  }
}
