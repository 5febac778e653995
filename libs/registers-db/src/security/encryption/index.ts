export * from './encryption.errors';
export * from './field-cipher-options.interface';
export * from './encrypted-value.format';
export * from './field-cipher';
