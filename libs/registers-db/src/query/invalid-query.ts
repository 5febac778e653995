import { InvalidQueryError } from '../errors';
import { queryMessages } from '../errors/messages';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';

/**
 * An InvalidQueryError naming the model, field and operator. Messages describe the
 * expected type, never the offending value (it may be a secret).
 */
export function invalidQuery(
  meta: ModelMetadata,
  message: string,
  field?: string,
  operator?: string,
): InvalidQueryError {
  const context: Record<string, string> = { model: meta.name };
  if (field !== undefined) context.field = field;
  if (operator !== undefined) context.operator = operator;
  return new InvalidQueryError(queryMessages.modelProblem(meta.name, message), context);
}
