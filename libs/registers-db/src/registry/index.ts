export * from './database-registry';
export * from './interfaces/database-registry-options.interface';
export * from './interfaces/seeder.interface';
