import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { Dialect } from './dialect.interface';

/** A field's column as a SELECT list names it (see Dialect.selectColumn). */
export function selectedColumn(dialect: Dialect, field: FieldMetadata): string {
  const quoted = dialect.quoteIdentifier(field.column);
  return dialect.selectColumn ? dialect.selectColumn(field, quoted) : quoted;
}
