import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { RuleValidator } from './inline-rules';

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

/** Reads the rules of `target` from class-validator's metadata storage. */
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
