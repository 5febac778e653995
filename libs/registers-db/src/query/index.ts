// The query layer: typed filters, their compilers and the aggregate descriptors.
export { QUERY_OPERATORS, type QueryOperator } from './operators';
export * from './where.types';
export * from './query-node';
export * from './sql-params';
export * from './compile-where';
export * from './compile-order-by';
export * from './query-options';
export * from './aggregate';
export { MAX_LIST_LENGTH, MAX_PATTERN_LENGTH } from './filter-value';
export type { ComparisonOperator, TextComparisonDialect } from './text-comparison';
