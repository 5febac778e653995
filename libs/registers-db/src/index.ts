// Public API of @registers/db. Nothing outside this file is imported by users.
export * from './errors';
export * from './interfaces/model-metadata.interface';
export * from './dialects/query-dialect.interface';
