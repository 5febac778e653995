import {
  getMetadataStorage,
  validate,
  validateSync,
  ValidationTypes,
  ValidatorOptions,
} from 'class-validator';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { fastAcceptFor } from './fast-accept';

type Check = (instance: any, partial: boolean) => boolean;

/**
 * What class-validator knows about one model class, read once. `passes` is a compiled
 * pass/fail check with class-validator's own semantics (conditions such as @IsOptional,
 * @IsDefined, `each`, the same constraint functions) minus its per-call bookkeeping; it
 * exists only when every rule is synchronous and flat (no nested or promise validation).
 * Failures are always re-run through class-validator itself, so messages are exactly its own.
 */
export interface ClassRules {
  /** Properties that carry at least one class-validator decorator. */
  properties: string[];
  hasRules: boolean;
  /** Whether any rule is asynchronous (then `validate` is awaited, else `validateSync`). */
  hasAsyncRules: boolean;
  passes?: Check;
}

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

export function selectRules(target: Function): RuleSelection {
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

export function readClassRules(selection: RuleSelection): ClassRules {
  const properties = Object.keys(selection.grouped);
  const rules: ClassRules = {
    properties,
    hasRules: properties.length > 0,
    hasAsyncRules: selection.hasAsyncRules,
  };
  if (!selection.hasAsyncRules && selection.flat) rules.passes = compileCheck(selection);
  return rules;
}

function compileCheck({ targetName, grouped, constraintsOf }: RuleSelection): Check {
  const plans = Object.keys(grouped).map((property) => {
    const all = grouped[property];
    // One arguments object per rule, refilled per call (validators read it, never keep it).
    const constraint = (m: ValidationMetadata) => ({
      meta: m,
      validators: constraintsOf(m).map((c) => withFastAccept(m, c.instance)),
      args: {
        targetName,
        property: m.propertyName,
        object: undefined as unknown,
        value: undefined as unknown,
        constraints: m.constraints,
      },
    });
    return {
      property,
      conditions: all
        .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((m) => m.constraints[0]),
      defined: all.filter((m) => m.type === ValidationTypes.IS_DEFINED).map(constraint),
      custom: all.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION).map(constraint),
    };
  });
  const run = (
    instance: any,
    value: unknown,
    list: Array<{
      meta: ValidationMetadata;
      validators: Array<{ validate(v: unknown, a: unknown): unknown }>;
      args: { object: unknown; value: unknown };
    }>,
  ): boolean => {
    for (const { meta, validators, args } of list) {
      args.object = instance;
      args.value = value;
      for (const validator of validators) {
        if (meta.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
          const items =
            value instanceof Map ? [...value.values()] : [...(value as Iterable<unknown>)];
          if (!items.every((item) => validator.validate(item, args))) return false;
        } else if (!validator.validate(value, args)) return false;
      }
      args.object = args.value = undefined;
    }
    return true;
  };
  return (instance, partial) => {
    for (const plan of plans) {
      const value = instance[plan.property];
      let canValidate = true;
      for (const condition of plan.conditions) if (!condition(instance, value)) canValidate = false;
      if (!canValidate) continue;
      if (plan.defined.length && !run(instance, value, plan.defined)) return false;
      if (partial && (value === null || value === undefined)) continue;
      if (!run(instance, value, plan.custom)) return false;
    }
    return true;
  };
}

/** The rule's validator, preceded by a cheap shortcut that accepts common valid values. */
function withFastAccept(meta: ValidationMetadata, validator: RuleValidator): RuleValidator {
  const fast = fastAcceptFor(meta.name, meta.constraints, defaultMessageOf(validator));
  if (!fast) return validator;
  return { validate: (value, args) => fast(value) || validator.validate(value, args) };
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
