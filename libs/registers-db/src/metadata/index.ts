export * from './interfaces/model-options.interface';
export * from './interfaces/field-options.interface';
export * from './model-metadata.accessor';
export * from './model-metadata.factory';
export * from './naming';
export { inferColumn, DEFAULT_STRING_LENGTH } from './column-type.inference';
