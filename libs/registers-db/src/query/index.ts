export * from './operators';
export * from './where.types';
export * from './query-node';
export * from './sql-params';
export * from './compile-where';
export * from './compile-order-by';
export * from './query-options';
export * from './aggregate';
export { escapeLikeLiteral, LIKE_ESCAPE } from './like-pattern';
