import { MODEL_OPTIONS_METADATA } from '../constants';
import type { ModelOptions } from '../metadata/interfaces/model-options.interface';

/**
 * Marks a class-validator class as a stored model. The options are checked when the model
 * is registered (`registry.register()` / `RegistersDbModule.forFeature()`).
 */
export function Model(options: ModelOptions = {}): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(MODEL_OPTIONS_METADATA, { ...options }, target);
  };
}
