import type { FieldMetadata } from '../interfaces/model-metadata.interface';

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN: Record<string, boolean> = { true: true, false: false };

/** What a query-string value of each type must look like, for messages. */
export function expectedText(field: FieldMetadata): string {
  switch (field.type) {
    case 'integer':
    case 'bigint':
      return 'an integer';
    case 'double':
    case 'decimal':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'uuid':
      return 'a UUID';
    case 'date':
      return 'a day (YYYY-MM-DD)';
    case 'datetime':
      return 'an ISO-8601 date-time';
    case 'enum':
      return `one of ${(field.enumValues ?? []).join(', ')}`;
    default:
      return 'text';
  }
}

/**
 * One query-string value as the filter operand of its field, or undefined when it cannot be
 * one. Ranges, text rules and calendar checks are left to the query compiler, which applies
 * the same rules as writes (an InvalidQueryError, a 400).
 */
export function queryValue(field: FieldMetadata, text: string): unknown {
  switch (field.type) {
    case 'integer':
      return INTEGER.test(text) ? Number(text) : undefined;
    case 'bigint':
      return INTEGER.test(text) ? text : undefined;
    case 'double':
      return NUMBER.test(text) ? Number(text) : undefined;
    case 'decimal':
      return NUMBER.test(text) ? Number(text) : undefined;
    case 'boolean':
      return BOOLEAN[text];
    case 'enum': {
      const values = field.enumValues ?? [];
      return values.find((v) => String(v) === text);
    }
    default:
      return text;
  }
}
