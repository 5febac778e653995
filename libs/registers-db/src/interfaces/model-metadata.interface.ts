import type { Type } from '@nestjs/common';

export type IdStrategy = 'autoincrement' | 'uuid4' | 'manual';

/**
 * The library's own column vocabulary, inferred from `design:type` + class-validator
 * metadata (or set with `@Field({ type })`). Each dialect adapter maps it to SQL types and
 * converts values to and from the driver.
 */
export type LogicalType =
  | 'integer'
  | 'bigint'
  | 'double'
  | 'decimal'
  | 'boolean'
  | 'string'
  | 'text'
  | 'uuid'
  | 'date'
  | 'datetime'
  | 'json'
  | 'enum';

export interface ForeignKeyRef {
  table: string;
  column: string;
}

export interface FieldMetadata {
  /** Property name on the class (`teamId`). */
  property: string;
  /** Column name in the table (`team_id`). */
  column: string;
  type: LogicalType;
  /** A TypeORM column type given explicitly with `@Field({ type })`, if any. */
  explicitType?: string;
  nullable: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  /**
   * bigint columns: what values read back as, from the property's type (`number` only
   * within ±(2^53 − 1), so never rounded; `string` when the type says neither).
   */
  bigintMode?: 'number' | 'bigint' | 'string';
  timezone?: boolean;
  enumValues?: Array<string | number>;
  unique: boolean;
  index: boolean;
  foreignKey?: ForeignKeyRef;
  default?: unknown;
  isKey: boolean;
  idStrategy?: IdStrategy;
  hashPassword: boolean;
  encrypted: boolean;
  /** Present on the class and validated, but never stored. */
  excludeFromDb: boolean;
}

export interface ModelMetadata<T = any> {
  target: Type<T>;
  /** Class name, used in errors. */
  name: string;
  table: string;
  /** Key property name. */
  key: string;
  /** Stored fields in declaration order (excludeFromDb fields are not in this list). */
  fields: FieldMetadata[];
  /** Stored fields by property name. */
  fieldsByProperty: Map<string, FieldMetadata>;
  /** Unique groups, each a list of property names (single-field uniques included). */
  unique: string[][];
  autoCreate: boolean;
  timestamps: boolean;
  softDelete: boolean;
  auditLog: boolean;
  tenantField?: string;
}
