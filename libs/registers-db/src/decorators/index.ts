export * from './model.decorator';
export * from './field.decorator';
