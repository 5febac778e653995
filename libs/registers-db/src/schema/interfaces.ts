/** `ensureColumn` / `addColumn` input. */
export interface ColumnSpec {
  /** A column type name (`'string'`, `'text'`, `'integer'`, `'boolean'`, `'datetime'`, TypeORM names too). */
  type?: string;
  /** Default true: additive changes must not break existing rows. */
  nullable?: boolean;
  length?: number;
  /** SQL default; a NOT NULL column without one is backfilled with the type's zero value. */
  default?: unknown;
}

/** A column whose live type differs from the model's. */
export interface TypeMismatch {
  expected: string;
  actual: string;
}

/** Drift between a model and its live table, by column name. */
export interface SchemaDiff {
  model: string;
  table: string;
  missingTable: boolean;
  missingColumns: string[];
  extraColumns: string[];
  nullableMismatches: string[];
  typeMismatches: Record<string, TypeMismatch>;
  /** True when there is no drift at all. */
  ok: boolean;
}
