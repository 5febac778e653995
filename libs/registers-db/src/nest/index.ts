export * from './registers-db.module';
export * from './registers-db-core.module';
export * from './registers-db.tokens';
export * from './interfaces/registers-db-module-options.interface';
