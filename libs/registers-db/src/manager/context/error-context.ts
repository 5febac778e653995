import type { ModelMetadata } from '../../interfaces/model-metadata.interface';

/** The context of an error raised by an operation on a model (read when the error is made). */
export function errorContext(
  meta: ModelMetadata,
  operation: string,
  extra: Record<string, unknown> = {},
) {
  return { model: meta.name, table: meta.table, operation, ...extra };
}
