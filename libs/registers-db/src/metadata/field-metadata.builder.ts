import { DELETED_AT_PROPERTY } from '../constants';
import type { FieldMetadata, ForeignKeyRef } from '../interfaces/model-metadata.interface';
import { inferColumn } from './column-type.inference';
import type { FailConfiguration } from './configuration-failure';
import type { FieldOptions } from './interfaces/field-options.interface';
import type { ValidatorRule } from './model-metadata.accessor';
import { snakeCase } from './naming';
import { FOREIGN_KEY } from './option-checks';
import { modelMessages } from '../errors/messages';

/** What the metadata of one stored property is built from. */
export interface FieldSource {
  model: string;
  property: string;
  /** Its `@Field()` options, already checked (see checkFieldOptions). */
  options: FieldOptions;
  /** Its class-validator rules. */
  rules: ValidatorRule[];
  /** Its `design:type`. */
  designType: Function | undefined;
  isKey: boolean;
}

/** The metadata of one stored field: column, inferred type, flags; the key gets its id strategy. */
export function buildField(source: FieldSource, fail: FailConfiguration): FieldMetadata {
  const { model, property, options, rules, designType, isKey } = source;
  if (options.id !== undefined && !isKey) {
    fail(modelMessages.idOnNonKey(options.id), property);
  }
  const inferred = inferColumn({ model, property, designType, rules, options });
  const optional = rules.some((r) => r.name === 'isOptional');
  let foreignKey: ForeignKeyRef | undefined;
  if (options.foreignKey !== undefined) {
    const [, table, column] = FOREIGN_KEY.exec(options.foreignKey.trim())!;
    foreignKey = { table, column };
  }
  if (options.hashPassword && inferred.type !== 'string' && inferred.type !== 'text') {
    fail(modelMessages.hashPasswordNeedsString(inferred.type), property);
  }
  checkDefault(property, options.default, inferred.type, inferred.enumValues, fail);
  const field: FieldMetadata = {
    property,
    column: options.column ?? snakeCase(property),
    ...inferred,
    nullable: isKey ? false : (options.nullable ?? optional),
    unique: options.unique ?? false,
    index: options.index ?? false,
    foreignKey,
    default: options.default,
    isKey,
    hashPassword: options.hashPassword ?? false,
    encrypted: options.encrypted ?? false,
    excludeFromDb: false,
  };
  if (isKey) {
    field.idStrategy = options.id ?? 'manual';
    checkIdStrategy(field, designType, options, rules, fail);
  }
  return field;
}

/** A date the model manages itself (createdAt, updatedAt, deletedAt). */
export function managedDateField(property: string, nullable: boolean): FieldMetadata {
  return {
    property,
    column: snakeCase(property),
    type: 'datetime',
    timezone: true,
    nullable,
    unique: false,
    index: property === DELETED_AT_PROPERTY,
    isKey: false,
    hashPassword: false,
    encrypted: false,
    excludeFromDb: false,
  };
}

/** The key's id strategy fits its type, and whether it may be left out fits the strategy. */
function checkIdStrategy(
  field: FieldMetadata,
  designType: Function | undefined,
  options: FieldOptions,
  rules: ValidatorRule[],
  fail: FailConfiguration,
): void {
  const { property } = field;
  const required = rules.some((r) => r.name === 'isDefined' || r.name === 'isNotEmpty');
  const optional = rules.some((r) => r.name === 'isOptional') || options.nullable === true;
  if (field.idStrategy === 'autoincrement') {
    const numeric = designType === Number || designType === Object || designType === undefined;
    if (!numeric || (field.type !== 'integer' && field.type !== 'bigint')) {
      fail(modelMessages.autoincrementNeedsInteger(), property);
    }
    if (required) fail(modelMessages.autoincrementNeedsOptional(), property);
    if (options.default !== undefined) fail(modelMessages.autoincrementTakesNoDefault(), property);
  } else if (field.idStrategy === 'uuid4') {
    const stringy = designType === String || designType === Object || designType === undefined;
    if (!stringy || field.type !== 'uuid') {
      fail(modelMessages.uuid4NeedsString(), property);
    }
    if (required) fail(modelMessages.uuid4NeedsOptional(), property);
  } else if (optional) {
    fail(modelMessages.optionalKeyNeedsStrategy(), property);
  }
}

/** A column default must fit the column (functions are computed by the application). */
function checkDefault(
  property: string,
  value: unknown,
  type: FieldMetadata['type'],
  enumValues: Array<string | number> | undefined,
  fail: FailConfiguration,
): void {
  if (value === undefined || value === null || typeof value === 'function') return;
  const numeric =
    type === 'integer' || type === 'bigint' || type === 'double' || type === 'decimal';
  const ok =
    type === 'json' ||
    (numeric &&
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (type === 'double' || type === 'decimal' || Number.isInteger(value))) ||
    (type === 'bigint' && typeof value === 'bigint') ||
    (type === 'boolean' && typeof value === 'boolean') ||
    ((type === 'string' || type === 'text' || type === 'uuid') && typeof value === 'string') ||
    ((type === 'date' || type === 'datetime') &&
      (value instanceof Date || typeof value === 'string')) ||
    (type === 'enum' && enumValues!.includes(value as string | number));
  if (!ok) {
    fail(modelMessages.defaultDoesNotFit(value, type, enumValues), property);
  }
}
