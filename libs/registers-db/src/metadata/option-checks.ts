import type { FieldOptions } from './interfaces/field-options.interface';
import type { ModelOptions } from './interfaces/model-options.interface';
import type { FailConfiguration } from './configuration-failure';
import { defaultTableName, isSafeIdentifier } from './naming';

const BOOLEAN_FIELD_OPTIONS = [
  'nullable',
  'unique',
  'index',
  'timezone',
  'hashPassword',
  'encrypted',
  'excludeFromDb',
] as const;
const BOOLEAN_MODEL_OPTIONS = ['autoCreate', 'timestamps', 'softDelete', 'auditLog'] as const;
const ID_STRATEGIES = ['autoincrement', 'uuid4', 'manual'];

/** `@Field({ foreignKey })`: `table.column`. */
export const FOREIGN_KEY = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** The `@Model()` options of model `name`, checked one by one (the first wrong one fails). */
export function checkModelOptions(
  name: string,
  options: ModelOptions,
  fail: FailConfiguration,
): ModelOptions {
  if (options.table !== undefined && !isSafeIdentifier(options.table)) {
    fail(
      `table '${String(options.table)}' is not a valid identifier (letters, digits, _; at most 63).`,
    );
  }
  if (options.table === undefined && !isSafeIdentifier(defaultTableName(name))) {
    fail(
      `the default table name '${defaultTableName(name)}' is not a valid identifier; set @Model({ table }).`,
    );
  }
  if (options.key !== undefined && (typeof options.key !== 'string' || !options.key)) {
    fail('key must be a property name.');
  }
  for (const flag of BOOLEAN_MODEL_OPTIONS) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean')
      fail(`${flag} must be a boolean.`);
  }
  if (options.unique !== undefined && !Array.isArray(options.unique)) {
    fail("unique must be a list of fields or field groups, e.g. ['email'] or [['org', 'slug']].");
  }
  return options;
}

/** The `@Field()` options of one property, checked one by one (the first wrong one fails). */
export function checkFieldOptions(
  property: string,
  options: FieldOptions,
  fail: FailConfiguration,
): FieldOptions {
  for (const flag of BOOLEAN_FIELD_OPTIONS) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      fail(`@Field({ ${flag} }) must be a boolean.`, property);
    }
  }
  if (options.id !== undefined && !ID_STRATEGIES.includes(options.id)) {
    fail(
      `@Field({ id }) must be one of ${ID_STRATEGIES.join(', ')} (got '${String(options.id)}').`,
      property,
    );
  }
  for (const size of ['length', 'precision'] as const) {
    const value = options[size];
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      fail(`@Field({ ${size} }) must be a positive integer.`, property);
    }
  }
  if (options.scale !== undefined && (!Number.isInteger(options.scale) || options.scale < 0)) {
    fail('@Field({ scale }) must be a non-negative integer.', property);
  }
  if (options.column !== undefined && !isSafeIdentifier(options.column)) {
    fail(`column '${String(options.column)}' is not a valid identifier.`, property);
  }
  if (options.foreignKey !== undefined) {
    if (typeof options.foreignKey !== 'string' || !FOREIGN_KEY.test(options.foreignKey.trim())) {
      fail(
        `foreignKey must be written 'table.column' (got '${String(options.foreignKey)}').`,
        property,
      );
    }
  }
  if (options.hashPassword && options.encrypted) {
    fail('a field cannot both hash passwords and be encrypted.', property);
  }
  return options;
}
