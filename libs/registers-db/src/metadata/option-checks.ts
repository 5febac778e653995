import type { FieldOptions } from './interfaces/field-options.interface';
import type { ModelOptions } from './interfaces/model-options.interface';
import type { FailConfiguration } from './configuration-failure';
import { defaultTableName, isSafeIdentifier } from './naming';
import { modelMessages } from '../errors/messages';

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
const BIGINT_MODES = ['number', 'bigint', 'string'];

/** `@Field({ foreignKey })`: `table.column`. */
export const FOREIGN_KEY = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** The `@Model()` options of model `name`, checked one by one (the first wrong one fails). */
export function checkModelOptions(
  name: string,
  options: ModelOptions,
  fail: FailConfiguration,
): ModelOptions {
  if (options.table !== undefined && !isSafeIdentifier(options.table)) {
    fail(modelMessages.invalidTableOption(String(options.table)));
  }
  if (options.table === undefined && !isSafeIdentifier(defaultTableName(name))) {
    fail(modelMessages.invalidDefaultTableName(defaultTableName(name)));
  }
  if (options.key !== undefined && (typeof options.key !== 'string' || !options.key)) {
    fail(modelMessages.keyOptionNotProperty());
  }
  for (const flag of BOOLEAN_MODEL_OPTIONS) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean')
      fail(modelMessages.modelFlagNotBoolean(flag));
  }
  if (options.unique !== undefined && !Array.isArray(options.unique)) {
    fail(modelMessages.uniqueOptionNotList());
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
      fail(modelMessages.fieldFlagNotBoolean(flag), property);
    }
  }
  if (options.id !== undefined && !ID_STRATEGIES.includes(options.id)) {
    fail(modelMessages.unknownIdStrategy(ID_STRATEGIES, String(options.id)), property);
  }
  if (options.bigintMode !== undefined && !BIGINT_MODES.includes(options.bigintMode)) {
    fail(modelMessages.unknownBigintMode(BIGINT_MODES, String(options.bigintMode)), property);
  }
  for (const size of ['length', 'precision'] as const) {
    const value = options[size];
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      fail(modelMessages.sizeNotPositive(size), property);
    }
  }
  if (options.scale !== undefined && (!Number.isInteger(options.scale) || options.scale < 0)) {
    fail(modelMessages.scaleNegative(), property);
  }
  if (options.column !== undefined && !isSafeIdentifier(options.column)) {
    fail(modelMessages.invalidColumnName(String(options.column)), property);
  }
  if (options.foreignKey !== undefined) {
    if (typeof options.foreignKey !== 'string' || !FOREIGN_KEY.test(options.foreignKey.trim())) {
      fail(modelMessages.foreignKeyFormat(String(options.foreignKey)), property);
    }
  }
  if (options.hashPassword && options.encrypted) {
    fail(modelMessages.hashedAndEncrypted(), property);
  }
  return options;
}
