import type { TypeMismatch } from '../../schema/interfaces';

/** One registered table in `db status`. */
export interface TableStatus {
  model: string;
  table: string;
  /** `ok`: matches its model; `missing`: no table; `drift`: columns differ. */
  status: 'ok' | 'missing' | 'drift';
  missingColumns: string[];
  extraColumns: string[];
  nullableMismatches: string[];
  typeMismatches: Record<string, TypeMismatch>;
}

/** `db status --output json`. */
export interface SchemaStatusReport {
  /** Registry (connection) name. */
  registry: string;
  dialect: string;
  /** True when every registered table exists and matches its model. */
  upToDate: boolean;
  tables: TableStatus[];
}

/** One change `db migrate` makes, with the SQL it runs. */
export interface MigrationStep {
  model: string;
  table: string;
  action: 'create table' | 'add column' | 'add foreign key';
  /** The column added (for `add column` / `add foreign key`). */
  column?: string;
  statements: string[];
}

/** Drift that additive migration leaves alone (it never drops, retypes or tightens columns). */
export interface UnresolvedDrift {
  model: string;
  table: string;
  column: string;
  issue: 'extra column' | 'nullability differs' | 'type differs';
  detail?: string;
}

/** `db migrate --output json`. */
export interface AdditiveMigrationReport {
  dryRun: boolean;
  /** Every statement, in the order it runs. */
  statements: string[];
  steps: MigrationStep[];
  unresolved: UnresolvedDrift[];
}

/** `db health`. */
export interface HealthReport {
  status: 'ok';
  dialect: string;
  /** Round trip of the trivial query, in milliseconds. */
  latencyMs: number;
}
