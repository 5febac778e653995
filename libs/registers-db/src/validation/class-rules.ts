import { validate, validateSync, ValidatorOptions } from 'class-validator';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { validationMessages } from '../errors/messages';
import { compileRuleCheck, RuleCheck } from './rule-check';
import { selectRules } from './rule-selection';

/**
 * What class-validator knows about one model class, read once. `passes` is the compiled
 * pass/fail check (rule-check.ts); it exists only when every rule is synchronous and flat
 * (no nested or promise validation). Failures are always re-run through class-validator
 * itself, so messages are exactly its own.
 */
export interface ClassRules {
  /** Properties that carry at least one class-validator decorator. */
  properties: string[];
  hasRules: boolean;
  /** Whether any rule is asynchronous (then `validate` is awaited, else `validateSync`). */
  hasAsyncRules: boolean;
  passes?: RuleCheck;
}

/**
 * A rule that throws on a value (class-validator's `maxDecimalPlaces` on `1e-7` reads the
 * length of a missing match) fails the check instead, so the value goes to runClassRules,
 * which names the field.
 */
function failingOnThrow(check: RuleCheck): RuleCheck {
  return (instance, partial) => {
    try {
      return check(instance, partial);
    } catch {
      return false;
    }
  };
}

export function readClassRules(target: Function): ClassRules {
  const selection = selectRules(target);
  const properties = Object.keys(selection.grouped);
  const rules: ClassRules = {
    properties,
    hasRules: properties.length > 0,
    hasAsyncRules: selection.hasAsyncRules,
  };
  if (!selection.hasAsyncRules && selection.flat)
    rules.passes = failingOnThrow(compileRuleCheck(selection));
  return rules;
}

const BASE_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  // Errors must never carry the submitted values (they may be secrets).
  validationError: { target: false, value: false },
};
const PARTIAL_OPTIONS: ValidatorOptions = { ...BASE_OPTIONS, skipMissingProperties: true };

type Errors = ClassValidatorError[] | Promise<ClassValidatorError[]>;

function runValidator(rules: ClassRules, instance: object, options: ValidatorOptions): Errors {
  return rules.hasAsyncRules ? validate(instance, options) : validateSync(instance, options);
}

function threwError(property: string): ClassValidatorError {
  return {
    property,
    constraints: { ruleThrew: validationMessages.ruleThrew(property) },
    children: [],
  } as ClassValidatorError;
}

/**
 * The errors of one property: the class's rules run on an instance holding only its value
 * (the errors of the properties left out are dropped).
 */
function validateProperty(
  rules: ClassRules,
  instance: object,
  property: string,
  options: ValidatorOptions,
): Errors {
  const single = Object.create(Object.getPrototypeOf(instance));
  single[property] = (instance as Record<string, unknown>)[property];
  const own = (errors: ClassValidatorError[]) => errors.filter((e) => e.property === property);
  try {
    const errors = runValidator(rules, single, options);
    return errors instanceof Promise ? errors.then(own, () => [threwError(property)]) : own(errors);
  } catch {
    return [threwError(property)];
  }
}

/**
 * After class-validator threw: each property's rules again on their own, so the one whose
 * rule throws is reported as that field's issue and the others keep their own messages.
 */
function validateByProperty(
  rules: ClassRules,
  instance: object,
  options: ValidatorOptions,
): Errors {
  const perProperty = rules.properties.map((p) => validateProperty(rules, instance, p, options));
  return perProperty.some((e) => e instanceof Promise)
    ? Promise.all(perProperty).then((lists) => lists.flat())
    : (perProperty as ClassValidatorError[][]).flat();
}

/**
 * Runs the class's rules and returns class-validator's errors. With a compiled check, a
 * passing instance costs only the constraint functions themselves.
 */
export function runClassRules(rules: ClassRules, instance: object, partial: boolean): Errors {
  if (rules.passes?.(instance, partial)) return [];
  const options = partial ? PARTIAL_OPTIONS : BASE_OPTIONS;
  try {
    const errors = runValidator(rules, instance, options);
    return errors instanceof Promise
      ? errors.catch(() => validateByProperty(rules, instance, options))
      : errors;
  } catch {
    return validateByProperty(rules, instance, options);
  }
}
