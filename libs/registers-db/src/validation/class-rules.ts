import { getMetadataStorage, validate, validateSync, ValidatorOptions } from 'class-validator';
import type { ValidationError as ClassValidatorError } from 'class-validator';

/** What class-validator knows about one model class, read once. */
export interface ClassRules {
  /** Properties that carry at least one class-validator decorator. */
  properties: string[];
  hasRules: boolean;
  /** Whether any rule is asynchronous (then `validate` is awaited, else `validateSync`). */
  hasAsyncRules: boolean;
}

export function readClassRules(target: Function): ClassRules {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', true, false);
  const properties = [...new Set(metadatas.map((m) => m.propertyName))];
  const hasAsyncRules = metadatas.some(
    (m) => m.constraintCls && storage.getTargetValidatorConstraints(m.constraintCls).some((c) => c.async),
  );
  return { properties, hasRules: metadatas.length > 0, hasAsyncRules };
}

const BASE_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  // Errors must never carry the submitted values (they may be secrets).
  validationError: { target: false, value: false },
};
const PARTIAL_OPTIONS: ValidatorOptions = { ...BASE_OPTIONS, skipMissingProperties: true };

/** Runs the class's rules: synchronously when none of them is async (same result, no promises). */
export function runClassRules(
  rules: ClassRules,
  instance: object,
  partial: boolean,
): ClassValidatorError[] | Promise<ClassValidatorError[]> {
  const options = partial ? PARTIAL_OPTIONS : BASE_OPTIONS;
  return rules.hasAsyncRules ? validate(instance, options) : validateSync(instance, options);
}
