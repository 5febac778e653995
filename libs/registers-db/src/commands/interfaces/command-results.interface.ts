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

export type {
  AdditiveMigrationReport,
  MigrationStep,
  UnresolvedDrift,
} from '../../sync/interfaces/additive-migration.interfaces';

/** `db health`. */
export interface HealthReport {
  status: 'ok';
  dialect: string;
  /** Round trip of the trivial query, in milliseconds. */
  latencyMs: number;
}
