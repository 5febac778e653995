import type { FieldMetadata } from '../interfaces/model-metadata.interface';
import { INT32_MAX, INT32_MIN } from '../validation/number-values';

/**
 * The values an integer key can hold: a 32-bit integer, and from 1 up when the database
 * numbers the rows (autoincrement never hands out 0 or a negative key). A `:id` outside it
 * cannot name a record: it is a malformed request (400), not a missing record (404).
 */
export function integerKeyRange(key: FieldMetadata): { min: number; max: number } {
  return { min: key.idStrategy === 'autoincrement' ? 1 : INT32_MIN, max: INT32_MAX };
}
