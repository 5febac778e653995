/** The shapes DDL adapters speak in: column specs, catalog rows, bound catalog questions. */
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';

/** A column type in TypeORM's vocabulary for one dialect (used by the EntitySchema builder). */
export interface ColumnTypeSpec {
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  /** Display width (MySQL `tinyint(1)` booleans). */
  width?: number;
}

/** A statement with its bound parameters. */
export interface BoundSql {
  sql: string;
  params: unknown[];
}

/** One live column as the database reports it. */
export interface LiveColumn {
  name: string;
  type: string;
  nullable: boolean;
}

/** The fields of a column as far as DDL cares (a FieldMetadata or an ad-hoc column). */
export type ColumnShape = Pick<
  FieldMetadata,
  | 'column'
  | 'type'
  | 'nullable'
  | 'length'
  | 'precision'
  | 'scale'
  | 'timezone'
  | 'enumValues'
  | 'default'
  | 'isKey'
  | 'idStrategy'
> & { foreignKey?: FieldMetadata['foreignKey'] };

/** How a logical type becomes a TypeORM column type: a fixed spec or one read from the column. */
export type ColumnTypeRule = ColumnTypeSpec | ((column: ColumnShape) => ColumnTypeSpec);

/** Column types that are the same on most dialects; a dialect's `columnTypes` override them. */
