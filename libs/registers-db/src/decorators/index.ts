export * from './model.decorator';
export * from './field.decorator';
export * from './inject-manager.decorator';
export * from './inject-registry.decorator';
export * from './seeder.decorator';
export * from './model-subscriber.decorator';
