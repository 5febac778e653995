import { BenchRow } from './rows';

/**
 * The same five jobs, done by the library under test or by an anchor. Each method is one
 * timed call of a workload; per-row methods loop inside, one operation at a time.
 */
export interface Contestant {
  readonly name: string;
  readonly labels: Record<WorkloadKind, string>;
  /** Workloads this contestant does not take part in, with the reason (reported as skipped). */
  readonly notApplicable?: Partial<Record<WorkloadKind, string>>;
  /** Reads each key; resolves to how many records came back. */
  requireEach(ids: number[]): Promise<number>;
  /** Inserts rows one statement (and transaction) at a time. */
  createEach(rows: BenchRow[]): Promise<void>;
  /** Inserts all rows atomically. */
  bulkCreate(rows: BenchRow[]): Promise<void>;
  /** Reads every row with age ≥ minAge; resolves to the rows. */
  filterByMinAge(minAge: number): Promise<unknown[]>;
  /** Inserts or updates each row on the unique email, one at a time. */
  upsertEach(rows: BenchRow[]): Promise<void>;
  close(): Promise<void>;
}

export type WorkloadKind = 'require' | 'create' | 'bulkCreate' | 'filter' | 'upsert';

/** The five Contestant workloads, plus those with their own contenders (./cold-require.ts). */
export type DbWorkloadKind = WorkloadKind | 'coldRequire';

/** Untimed setup and checks, done through the raw anchor's connection. */
export interface BenchAdmin {
  exec(sql: string): Promise<void>;
  /** Number of rows in the bench table, optionally only those with `name = nameIs`. */
  countRows(nameIs?: string): Promise<number>;
}
