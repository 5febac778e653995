import { Placeholder, sql } from 'drizzle-orm';
import { BenchRow } from '../rows';

/** Rows per multi-row INSERT in bulk writes: 5 parameters each, far below every driver's limit. */
export const DRIZZLE_BULK_CHUNK = 1000;

/** What a written row goes through first: nothing, or validation (drizzle+validation). */
export type RowCheck = (row: BenchRow) => BenchRow;

/**
 * The five jobs as one dialect's prepared Drizzle queries run them (./drizzle-*.ts). The loops
 * live here, per dialect, so better-sqlite3's synchronous statements run without an await.
 */
export interface DrizzleOps {
  /** How many of the ids have a row. */
  requireEach(ids: number[]): Promise<number>;
  createEach(rows: BenchRow[], check?: RowCheck): Promise<void>;
  /** All rows in one transaction, in chunks of DRIZZLE_BULK_CHUNK. */
  bulkCreate(rows: BenchRow[]): Promise<void>;
  filterByMinAge(minAge: number): Promise<unknown[]>;
  upsertEach(rows: BenchRow[], check?: RowCheck): Promise<void>;
  close(): Promise<void>;
}

/** A row as the values of the placeholders rowPlaceholders() names. */
export function rowValues(row: BenchRow): Record<string, unknown> {
  return row as unknown as Record<string, unknown>;
}

type RowPlaceholders = { [K in keyof BenchRow]: Placeholder };

/** One row of named placeholders (`email`, … or `email7`, … for row 7 of a chunk). */
export function rowPlaceholders(suffix: number | '' = ''): RowPlaceholders {
  return {
    email: sql.placeholder(`email${suffix}`),
    name: sql.placeholder(`name${suffix}`),
    age: sql.placeholder(`age${suffix}`),
    score: sql.placeholder(`score${suffix}`),
    active: sql.placeholder(`active${suffix}`),
  };
}

/** Placeholders of an n-row chunk, for a prepared multi-row INSERT. */
export function chunkPlaceholders(n: number): RowPlaceholders[] {
  return Array.from({ length: n }, (_, i) => rowPlaceholders(i));
}

/** The values of a chunk under the names chunkPlaceholders gave them. */
export function chunkValues(rows: BenchRow[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    values[`email${i}`] = r.email;
    values[`name${i}`] = r.name;
    values[`age${i}`] = r.age;
    values[`score${i}`] = r.score;
    values[`active${i}`] = r.active;
  }
  return values;
}

/** Prepared statements per chunk size, made on first use (the last chunk may be shorter). */
export function perChunkSize<P>(prepare: (n: number) => P): (n: number) => P {
  const cache = new Map<number, P>();
  return (n) => {
    let p = cache.get(n);
    if (!p) cache.set(n, (p = prepare(n)));
    return p;
  };
}

/** `rows` in DRIZZLE_BULK_CHUNK-row slices. */
export function chunksOf(rows: BenchRow[]): BenchRow[][] {
  const chunks: BenchRow[][] = [];
  for (let i = 0; i < rows.length; i += DRIZZLE_BULK_CHUNK)
    chunks.push(rows.slice(i, i + DRIZZLE_BULK_CHUNK));
  return chunks;
}
