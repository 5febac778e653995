import type { FieldMetadata } from '../interfaces/model-metadata.interface';
import type { ValidatorRule } from '../metadata/model-metadata.accessor';
import { INT32_MAX, INT32_MIN } from '../validation/number-values';

/** The OpenAPI 3.0 schema of one property (the subset this library writes). */
export interface PropertySchema {
  type?: 'integer' | 'number' | 'string' | 'boolean' | 'object' | 'array';
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: Array<string | number>;
  nullable?: boolean;
  writeOnly?: boolean;
  readOnly?: boolean;
  description?: string;
}

/** Whether a schema is written for input (create/update bodies) or for a response. */
export type SchemaDirection = 'input' | 'view';

const DIGITS = '^-?\\d+$';

const rule = (rules: ValidatorRule[], name: string) =>
  rules.find((r) => r.name === name && !r.each);

/** The base schema of a column type, before class-validator rules narrow it. */
function typeSchema(field: FieldMetadata, direction: SchemaDirection): PropertySchema {
  switch (field.type) {
    case 'integer':
      return { type: 'integer', format: 'int32', minimum: INT32_MIN, maximum: INT32_MAX };
    case 'bigint':
      // Responses carry bigints as digit strings (JSON numbers lose precision past 2^53).
      if (direction === 'input' && field.bigintMode === 'number')
        return {
          type: 'integer',
          format: 'int64',
          minimum: Number.MIN_SAFE_INTEGER,
          maximum: Number.MAX_SAFE_INTEGER,
        };
      return { type: 'string', format: 'int64', pattern: DIGITS };
    case 'double':
      return { type: 'number', format: 'double' };
    case 'decimal':
      return decimalSchema(field.precision ?? 12, field.scale ?? 2);
    case 'boolean':
      return { type: 'boolean' };
    case 'string':
      return field.length !== undefined
        ? { type: 'string', maxLength: field.length }
        : { type: 'string' };
    case 'text':
      return { type: 'string', description: 'At most 16,000,000 UTF-8 bytes.' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'enum': {
      const values = field.enumValues ?? [];
      const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
      return { type: numeric ? 'integer' : 'string', enum: [...values] };
    }
    case 'json':
    default:
      return {};
  }
}

/** `decimal(p, s)`: at most p − s integer digits, so |value| ≤ 10^(p−s) − 10^−s. */
function decimalSchema(precision: number, scale: number): PropertySchema {
  const bound = Number((10 ** (precision - scale) - 10 ** -scale).toFixed(scale));
  return {
    type: 'number',
    minimum: -bound,
    maximum: bound,
    description: `Decimal with at most ${precision - scale} integer and ${scale} fraction digits.`,
  };
}

const tighterMin = (a: number | undefined, b: number) => (a === undefined ? b : Math.max(a, b));
const tighterMax = (a: number | undefined, b: number) => (a === undefined ? b : Math.min(a, b));

/** What the model's class-validator rules add: bounds, lengths, formats, enums, patterns. */
function applyRules(schema: PropertySchema, rules: ValidatorRule[]): PropertySchema {
  const out = { ...schema };
  const num = (r: ValidatorRule | undefined, i = 0) =>
    r && typeof r.constraints[i] === 'number' ? (r.constraints[i] as number) : undefined;
  const min = num(rule(rules, 'min'));
  const max = num(rule(rules, 'max'));
  if (min !== undefined) out.minimum = tighterMin(out.minimum, min);
  if (max !== undefined) out.maximum = tighterMax(out.maximum, max);
  const minLength = num(rule(rules, 'minLength')) ?? num(rule(rules, 'length'));
  const maxLength = num(rule(rules, 'maxLength')) ?? num(rule(rules, 'length'), 1);
  if (minLength !== undefined) out.minLength = tighterMin(out.minLength, minLength);
  if (maxLength !== undefined) out.maxLength = tighterMax(out.maxLength, maxLength);
  if (rule(rules, 'isNotEmpty') && out.type === 'string')
    out.minLength = tighterMin(out.minLength, 1);
  if (rule(rules, 'isEmail')) out.format = 'email';
  if (rule(rules, 'isUUID')) out.format = 'uuid';
  if (rule(rules, 'isUrl')) out.format = 'uri';
  const matches = rule(rules, 'matches');
  if (matches && matches.constraints[0] instanceof RegExp)
    out.pattern = (matches.constraints[0] as RegExp).source;
  return out;
}

/**
 * The schema of one field: its column type (integers with their int32 bounds, decimals with
 * the bounds of their precision, dates as `date`/`date-time` strings) narrowed by its rules.
 * Password fields are write-only input (`format: password`).
 */
export function fieldSchema(
  field: FieldMetadata,
  rules: ValidatorRule[],
  direction: SchemaDirection,
): PropertySchema {
  // A password column holds the hash; the length of the password itself is the rules' business.
  const column = field.hashPassword ? { ...field, length: undefined } : field;
  const schema = applyRules(typeSchema(column, direction), rules);
  if (field.nullable) schema.nullable = true;
  if (field.hashPassword) {
    schema.writeOnly = true;
    schema.format = 'password';
  }
  return schema;
}

/** The schema of a property that is validated but never stored (`excludeFromDb`). */
export function unstoredSchema(
  designType: Function | undefined,
  rules: ValidatorRule[],
): PropertySchema {
  const base: PropertySchema =
    designType === Number
      ? { type: 'number' }
      : designType === Boolean
        ? { type: 'boolean' }
        : designType === String
          ? { type: 'string' }
          : {};
  if (rule(rules, 'isInt')) base.type = 'integer';
  return applyRules(base, rules);
}
