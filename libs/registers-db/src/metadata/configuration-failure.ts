import { ConfigurationError } from '../errors';

/** Throws the ConfigurationError of a model's metadata, naming the model (and the field). */
export type FailConfiguration = (message: string, field?: string) => never;

/** The FailConfiguration of one model: messages read `Model.field: message`. */
export function configurationFailure(model: string): FailConfiguration {
  return (message, field) => {
    throw new ConfigurationError(`${model}${field ? `.${field}` : ''}: ${message}`, {
      model,
      ...(field ? { field } : {}),
    });
  };
}
