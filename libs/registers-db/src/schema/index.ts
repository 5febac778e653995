export * from './model-schema';
export * from './interfaces';
export * from './entity-schema.builder';
export * from './constraint-names';
export { ddlFor } from './ddl-for';
export type { DdlDialect, ColumnTypeSpec, LiveColumn } from './ddl-dialect';
export { auditTableName, auditModel } from './synthetic-model';
