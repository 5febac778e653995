import type { IdStrategy } from '../../interfaces/model-metadata.interface';

/** Options of `@Field()`. Anything not given is inferred from `design:type` and class-validator rules. */
export interface FieldOptions {
  /** Marks the key strategy. Only valid on the model's key field. */
  id?: IdStrategy;
  /** A TypeORM column type name (`'text'`, `'decimal'`, `'bigint'`, `'jsonb'`, …). */
  type?: string;
  /** Column name. Default: snake_case of the property. */
  column?: string;
  length?: number;
  precision?: number;
  scale?: number;
  /**
   * bigint columns: what values read back as. Default: `'number'` when the property is a
   * `number` or has `@IsInt()`/`@IsNumber()` (values beyond ±(2^53 − 1) are then refused),
   * `'bigint'` when it is a `bigint`, else `'string'`.
   */
  bigintMode?: 'number' | 'bigint' | 'string';
  /** For dates: store with time zone (default true). */
  timezone?: boolean;
  /** Default: true when the property has `@IsOptional()`. */
  nullable?: boolean;
  /** A column default (strings, numbers, booleans become a SQL DEFAULT). */
  default?: unknown;
  unique?: boolean;
  index?: boolean;
  /** `'table.column'`. */
  foreignKey?: string;
  hashPassword?: boolean;
  encrypted?: boolean;
  /** Validated on the class, never stored. */
  excludeFromDb?: boolean;
}

/** One `@Field()` as recorded on the class. */
export interface FieldDeclaration {
  property: string;
  options: FieldOptions;
}
