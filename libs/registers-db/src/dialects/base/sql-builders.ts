import { checkedCount } from '../../query/driver-values';
import type { UpsertSqlArgs } from './dialect.interface';
import type { QueryDialect } from '../../query/query-dialect.interface';

/** `(?, ?), (?, ?)` for `rows` rows of `columns` values, numbering placeholders from 1. */
export function placeholderRows(dialect: QueryDialect, columns: number, rows: number): string {
  const tuples: string[] = new Array(rows);
  let position = 1;
  for (let r = 0; r < rows; r++) {
    const slots: string[] = new Array(columns);
    for (let c = 0; c < columns; c++) slots[c] = dialect.placeholder(position++);
    tuples[r] = `(${slots.join(', ')})`;
  }
  return tuples.join(', ');
}

/** ` RETURNING a, b`, or '' when no columns are asked for. */
export function returningClause(dialect: QueryDialect, columns?: string[]): string {
  return columns?.length
    ? ` RETURNING ${columns.map((c) => dialect.quoteIdentifier(c)).join(', ')}`
    : '';
}

function insertValues(
  dialect: QueryDialect,
  table: string,
  columns: string[],
  rows: number,
): string {
  const cols = columns.map((c) => dialect.quoteIdentifier(c)).join(', ');
  return `INSERT INTO ${dialect.quoteIdentifier(table)} (${cols}) VALUES ${placeholderRows(dialect, columns.length, rows)}`;
}

/** `INSERT INTO t (cols) VALUES (…), (…)[ RETURNING …]`. */
export function insertSql(
  dialect: QueryDialect,
  table: string,
  columns: string[],
  rows: number,
  returning?: string[],
): string {
  return insertValues(dialect, table, columns, rows) + returningClause(dialect, returning);
}

/**
 * An upsert whose conflict clause (`conflictClause`) assigns each updated column the value
 * `newValue` names for it (`excluded.c`, `VALUES(c)`).
 */
export function upsertSql(
  dialect: QueryDialect,
  style: {
    conflictClause: (quotedConflict: string) => string;
    newValue: (quotedColumn: string) => string;
  },
  ...[table, columns, conflict, update, rows, returning]: UpsertSqlArgs
): string {
  const q = (c: string) => dialect.quoteIdentifier(c);
  // With nothing to change, a no-op assignment still makes RETURNING give the row.
  const set = (update.length ? update : conflict.slice(0, 1))
    .map((c) => `${q(c)} = ${style.newValue(q(c))}`)
    .join(', ');
  return (
    insertValues(dialect, table, columns, rows) +
    ` ${style.conflictClause(conflict.map(q).join(', '))} ${set}` +
    returningClause(dialect, returning)
  );
}

/** `ON CONFLICT (cols) DO UPDATE SET c = <excluded>.c` (SQLite and PostgreSQL). */
export function onConflictUpsertSql(
  dialect: QueryDialect,
  excluded: 'excluded' | 'EXCLUDED',
  ...args: UpsertSqlArgs
): string {
  return upsertSql(
    dialect,
    {
      conflictClause: (quotedConflict) => `ON CONFLICT (${quotedConflict}) DO UPDATE SET`,
      newValue: (column) => `${excluded}.${column}`,
    },
    ...args,
  );
}

/**
 * ` LIMIT n[ OFFSET m]` where OFFSET needs a LIMIT: `noLimit` (the dialect's "all rows")
 * stands in when only an offset is given; '' when neither is.
 */
export function limitThenOffset(
  limit: number | undefined,
  offset: number | undefined,
  noLimit: string,
): string {
  if (limit === undefined && offset === undefined) return '';
  const lim = limit === undefined ? noLimit : String(checkedCount(limit));
  return offset === undefined ? ` LIMIT ${lim}` : ` LIMIT ${lim} OFFSET ${checkedCount(offset)}`;
}
