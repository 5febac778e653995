import {
  getMetadataStorage,
  validate,
  validateSync,
  ValidationTypes,
  ValidatorOptions,
} from 'class-validator';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { RuleValidator } from './inline-rules';
import { compileRuleCheck, RuleCheck } from './rule-check';

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

/** The class-validator metadata a class is validated with, and the validators behind it. */
export interface RuleSelection {
  targetName: string;
  /** Rules by property, in class-validator's own order. */
  grouped: Record<string, ValidationMetadata[]>;
  constraintsOf(m: ValidationMetadata): Array<{ instance: RuleValidator; async?: boolean }>;
  hasAsyncRules: boolean;
  /** No nested or promise validation: every rule checks one value. */
  flat: boolean;
}

function selectRules(target: Function): RuleSelection {
  const storage = getMetadataStorage();
  // The same selection class-validator makes for `validate(instance)` without groups.
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  const constraintsOf = (m: ValidationMetadata) =>
    m.constraintCls ? storage.getTargetValidatorConstraints(m.constraintCls) : [];
  return {
    targetName: target.name,
    grouped: storage.groupByPropertyName(metadatas),
    constraintsOf,
    hasAsyncRules: metadatas.some((m) => constraintsOf(m).some((c) => c.async)),
    flat: metadatas.every(
      (m) =>
        m.type !== ValidationTypes.NESTED_VALIDATION &&
        m.type !== ValidationTypes.PROMISE_VALIDATION,
    ),
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
