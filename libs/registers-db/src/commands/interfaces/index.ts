export * from './registers-db-commands-options.interface';
export * from './command-results.interface';
