import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { LogicalType } from '../interfaces/model-metadata.interface';
import type { FieldOptions } from './interfaces/field-options.interface';
import type { ValidatorRule } from './model-metadata.accessor';

export const DEFAULT_STRING_LENGTH = 255;
/** Password hashes (PBKDF2 / argon2id strings) need room whatever the raw value's limit is. */
export const PASSWORD_HASH_MIN_LENGTH = 255;

export interface InferredColumn {
  type: LogicalType;
  explicitType?: string;
  length?: number;
  precision?: number;
  scale?: number;
  bigintMode?: 'number' | 'bigint' | 'string';
  timezone?: boolean;
  enumValues?: Array<string | number>;
}

/** TypeORM column type names accepted by `@Field({ type })`, and what they mean here. */
const EXPLICIT_TYPES: Record<string, LogicalType> = {
  int: 'integer',
  integer: 'integer',
  int4: 'integer',
  int2: 'integer',
  smallint: 'integer',
  tinyint: 'integer',
  mediumint: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  double: 'double',
  'double precision': 'double',
  float: 'double',
  float4: 'double',
  float8: 'double',
  real: 'double',
  decimal: 'decimal',
  numeric: 'decimal',
  dec: 'decimal',
  boolean: 'boolean',
  bool: 'boolean',
  varchar: 'string',
  'character varying': 'string',
  char: 'string',
  character: 'string',
  nvarchar: 'string',
  string: 'string',
  text: 'text',
  tinytext: 'text',
  mediumtext: 'text',
  longtext: 'text',
  clob: 'text',
  uuid: 'uuid',
  date: 'date',
  datetime: 'datetime',
  timestamp: 'datetime',
  timestamptz: 'datetime',
  'timestamp with time zone': 'datetime',
  'timestamp without time zone': 'datetime',
  json: 'json',
  jsonb: 'json',
  'simple-json': 'json',
  enum: 'enum',
  'simple-enum': 'enum',
};

export const EXPLICIT_TYPE_NAMES = Object.keys(EXPLICIT_TYPES);

interface InferenceInput {
  model: string;
  property: string;
  designType: Function | undefined;
  rules: ValidatorRule[];
  options: FieldOptions;
}

function findRule(rules: ValidatorRule[], name: string): ValidatorRule | undefined {
  return rules.find((r) => r.name === name && !r.each);
}

/** Values of a TS enum object (numeric enums carry reverse mappings, which are skipped). */
function enumValuesOf(entity: unknown): Array<string | number> {
  if (Array.isArray(entity)) return entity as Array<string | number>;
  if (!entity || typeof entity !== 'object') return [];
  const record = entity as Record<string, string | number>;
  return Object.keys(record)
    .filter((k) => Number.isNaN(Number(k)))
    .map((k) => record[k]);
}

function enumRuleValues(rules: ValidatorRule[]): Array<string | number> | undefined {
  const isEnum = findRule(rules, 'isEnum');
  if (isEnum) return enumValuesOf(isEnum.constraints[0]);
  const isIn = findRule(rules, 'isIn');
  if (isIn && Array.isArray(isIn.constraints[0]))
    return isIn.constraints[0] as Array<string | number>;
  return undefined;
}

function stringLength(rules: ValidatorRule[], options: FieldOptions): number {
  if (options.length !== undefined) return options.length;
  const max = findRule(rules, 'maxLength');
  if (max && typeof max.constraints[0] === 'number') return max.constraints[0];
  const length = findRule(rules, 'isLength');
  if (length && typeof length.constraints[1] === 'number') return length.constraints[1];
  return DEFAULT_STRING_LENGTH;
}

/** What the validators say when `design:type` says nothing useful (unions, `Object`). */
function typeFromRules(rules: ValidatorRule[]): LogicalType | undefined {
  if (findRule(rules, 'isInt')) return 'integer';
  if (findRule(rules, 'isNumber')) return 'double';
  if (findRule(rules, 'isBoolean')) return 'boolean';
  if (findRule(rules, 'isDate')) return 'datetime';
  if (findRule(rules, 'isUuid')) return 'uuid';
  for (const name of ['isString', 'isEmail', 'maxLength', 'isLength', 'isUrl', 'isAlphanumeric']) {
    if (findRule(rules, name)) return 'string';
  }
  return undefined;
}

function logicalType(
  input: InferenceInput,
  enumValues: Array<string | number> | undefined,
): LogicalType {
  const { designType, rules, options } = input;
  if (options.type !== undefined) {
    const explicit = EXPLICIT_TYPES[options.type.toLowerCase()];
    if (!explicit) {
      throw new ConfigurationError(
        configurationMessages.unknownColumnType(
          input.model,
          input.property,
          options.type,
          EXPLICIT_TYPE_NAMES,
        ),
        { model: input.model, field: input.property },
      );
    }
    return explicit;
  }
  if (options.id === 'uuid4') return 'uuid';
  if (options.id === 'autoincrement') return 'integer';
  if (options.encrypted) return 'text';
  if (enumValues && designType !== Array) return 'enum';
  if (designType === Number) {
    if (findRule(rules, 'isInt')) return 'integer';
    if (options.precision !== undefined || options.scale !== undefined) return 'decimal';
    return 'double';
  }
  if (designType === BigInt) return 'bigint';
  if (designType === String) return findRule(rules, 'isUuid') ? 'uuid' : 'string';
  if (designType === Boolean) return 'boolean';
  if (designType === Date) return 'datetime';
  if (designType === Array) return 'json';
  const fromRules = typeFromRules(rules);
  const sized = options.precision !== undefined || options.scale !== undefined;
  // `price?: number | null` has no usable design:type under every compiler; a size says decimal.
  if (sized && (fromRules === 'double' || fromRules === undefined)) return 'decimal';
  return fromRules ?? 'json';
}

/** How a bigint column reads back when `@Field({ bigintMode })` does not say (see FieldOptions). */
function bigintModeOf({ designType, rules }: InferenceInput): 'number' | 'bigint' | 'string' {
  if (designType === BigInt) return 'bigint';
  if (designType === Number || findRule(rules, 'isInt') || findRule(rules, 'isNumber'))
    return 'number';
  return 'string';
}

/** Column type of one property, from `@Field` options, `design:type` and validator rules. */
export function inferColumn(input: InferenceInput): InferredColumn {
  const { rules, options } = input;
  const enumValues = enumRuleValues(rules);
  const type = logicalType(input, enumValues);
  const column: InferredColumn = { type };
  if (options.type !== undefined) column.explicitType = options.type;
  switch (type) {
    case 'string':
      column.length = stringLength(rules, options);
      if (options.hashPassword) column.length = Math.max(column.length, PASSWORD_HASH_MIN_LENGTH);
      break;
    case 'bigint':
      column.bigintMode = options.bigintMode ?? bigintModeOf(input);
      break;
    case 'decimal':
      column.precision = options.precision ?? 12;
      column.scale = options.scale ?? 2;
      break;
    case 'datetime': {
      const explicit = options.type?.toLowerCase();
      const explicitTz =
        explicit === 'timestamp' || explicit === 'timestamp without time zone' ? false : undefined;
      column.timezone = options.timezone ?? explicitTz ?? true;
      break;
    }
    case 'enum':
      if (!enumValues || enumValues.length === 0) {
        throw new ConfigurationError(
          configurationMessages.enumNeedsValues(input.model, input.property),
          { model: input.model, field: input.property },
        );
      }
      column.enumValues = enumValues;
      column.length = Math.max(options.length ?? 0, ...enumValues.map((v) => String(v).length), 1);
      break;
    default:
      break;
  }
  if (options.precision !== undefined && type !== 'decimal') column.precision = options.precision;
  return column;
}

/** The library type a TypeORM (or library) type name stands for, if known. */
export function logicalTypeFromName(name: string): LogicalType | undefined {
  return EXPLICIT_TYPES[name.toLowerCase()];
}
