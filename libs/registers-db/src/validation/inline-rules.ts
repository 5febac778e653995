/**
 * class-validator's built-in rules as JavaScript expressions, for the compiled accept check
 * (compiled-accept.ts). Each expression reads `v` (the value) and `k` (the rule's
 * constraints) and is true only where the rule itself accepts: a rule that the expression
 * rejects still goes to class-validator, so an inline form can skip work, never change an
 * answer.
 */
/** A rule's validator as class-validator calls it. */
export interface RuleValidator {
  validate(value: unknown, args: unknown): unknown;
  defaultMessage?(args: unknown): string;
}

/**
 * The rule's default message template (`$property must be …`). A built-in rule is known by
 * its name and this template together, so a custom rule that reuses a built-in's name is
 * never mistaken for it.
 */
export function defaultMessageOf(validator: RuleValidator): string | undefined {
  try {
    return validator.defaultMessage?.({ constraints: [], property: '', targetName: '' });
  } catch {
    return undefined;
  }
}

export interface InlineRule {
  expression: string;
  /** The rule's default message in class-validator: a custom rule that reuses the name differs. */
  message: string;
  /** Whether these constraints allow the inline form (e.g. IsNumber without maxDecimalPlaces). */
  applies?(constraints: unknown[]): boolean;
}

const isNumberConstraint = (k: unknown[]) => typeof k[0] === 'number';

export const INLINE_RULES: Readonly<Record<string, InlineRule>> = {
  isDefined: {
    message: '$property should not be null or undefined',
    expression: 'v !== undefined && v !== null',
  },
  isString: {
    message: '$property must be a string',
    expression: "typeof v === 'string'",
  },
  isBoolean: {
    message: '$property must be a boolean value',
    expression: "typeof v === 'boolean'",
  },
  isInt: {
    message: '$property must be an integer number',
    expression: "typeof v === 'number' && Number.isInteger(v)",
  },
  isNumber: {
    message: '$property must be a number conforming to the specified constraints',
    expression: "typeof v === 'number' && Number.isFinite(v)",
    // allowNaN / allowInfinity only widen the rule; a decimal-places limit narrows it.
    applies: (k) => {
      const options = k[0] as { maxDecimalPlaces?: unknown } | undefined;
      return options === undefined || options.maxDecimalPlaces === undefined;
    },
  },
  isPositive: {
    message: '$property must be a positive number',
    expression: "typeof v === 'number' && v > 0",
  },
  isNegative: {
    message: '$property must be a negative number',
    expression: "typeof v === 'number' && v < 0",
  },
  min: {
    message: '$property must not be less than $constraint1',
    expression: "typeof v === 'number' && v >= k[0]",
    applies: isNumberConstraint,
  },
  max: {
    message: '$property must not be greater than $constraint1',
    expression: "typeof v === 'number' && v <= k[0]",
    applies: isNumberConstraint,
  },
  // UTF-16 length never undercounts the characters validator.js counts.
  maxLength: {
    message: '$property must be shorter than or equal to $constraint1 characters',
    expression: "typeof v === 'string' && v.length <= k[0]",
    applies: isNumberConstraint,
  },
  isNotEmpty: {
    message: '$property should not be empty',
    expression: "v !== '' && v !== null && v !== undefined",
  },
  isIn: {
    message: '$property must be one of the following values: $constraint1',
    expression: 'k[0].indexOf(v) !== -1',
    applies: (k) => Array.isArray(k[0]),
  },
};

/** Values every inline form is tried on against the real rule before it is trusted. */
export const PROBE_VALUES: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  1,
  1.5,
  -2.5,
  42,
  255,
  1e6,
  NaN,
  Infinity,
  -Infinity,
  '',
  'a',
  'abc',
  'hello world',
  'x'.repeat(500),
  '42',
  true,
  false,
  {},
  [],
  new Date(0),
];
