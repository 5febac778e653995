import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';

/** Throws the ConfigurationError of a model's metadata, naming the model (and the field). */
export type FailConfiguration = (message: string, field?: string) => never;

/** The FailConfiguration of one model: messages read `Model.field: message`. */
export function configurationFailure(model: string): FailConfiguration {
  return (message, field) => {
    throw new ConfigurationError(configurationMessages.modelProblem(model, field, message), {
      model,
      ...(field ? { field } : {}),
    });
  };
}
