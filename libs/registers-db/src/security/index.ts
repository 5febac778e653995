export * from './passwords';
export * from './encryption';
