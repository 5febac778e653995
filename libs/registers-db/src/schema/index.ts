export * from './model-schema';
export * from './interfaces';
export * from './entity-schema.builder';
export * from '../dialects/base/constraint-names';
export { ddlFor } from '../dialects';
export type { DdlDialect } from '../dialects/base/ddl-dialect';
export type { ColumnTypeSpec, LiveColumn } from '../dialects/base/ddl-shapes';
export { auditTableName, auditModel } from './synthetic-model';
