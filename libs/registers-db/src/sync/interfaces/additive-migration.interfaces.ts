/** One change the additive migration makes, with the SQL it runs. */
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

/** A planned (`dryRun`) or applied additive migration (`db migrate --output json`). */
export interface AdditiveMigrationReport {
  dryRun: boolean;
  /** Every statement, in the order it runs. */
  statements: string[];
  steps: MigrationStep[];
  unresolved: UnresolvedDrift[];
}
