import { validate, validateSync, ValidatorOptions } from 'class-validator';
import type { ValidationError as ClassValidatorError } from 'class-validator';
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

export function readClassRules(target: Function): ClassRules {
  const selection = selectRules(target);
  const properties = Object.keys(selection.grouped);
  const rules: ClassRules = {
    properties,
    hasRules: properties.length > 0,
    hasAsyncRules: selection.hasAsyncRules,
  };
  if (!selection.hasAsyncRules && selection.flat) rules.passes = compileRuleCheck(selection);
  return rules;
}

const BASE_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  // Errors must never carry the submitted values (they may be secrets).
  validationError: { target: false, value: false },
};
const PARTIAL_OPTIONS: ValidatorOptions = { ...BASE_OPTIONS, skipMissingProperties: true };

/**
 * Runs the class's rules and returns class-validator's errors. With a compiled check, a
 * passing instance costs only the constraint functions themselves.
 */
export function runClassRules(
  rules: ClassRules,
  instance: object,
  partial: boolean,
): ClassValidatorError[] | Promise<ClassValidatorError[]> {
  if (rules.passes?.(instance, partial)) return [];
  const options = partial ? PARTIAL_OPTIONS : BASE_OPTIONS;
  return rules.hasAsyncRules ? validate(instance, options) : validateSync(instance, options);
}
