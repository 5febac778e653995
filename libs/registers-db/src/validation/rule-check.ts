import { ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { RuleSelection } from './rule-selection';
import { fastAcceptFor } from './fast-accept';
import { Bindings, literal } from './generated-code';
import { defaultMessageOf, INLINE_RULES, PROBE_VALUES, RuleValidator } from './inline-rules';

/** Whether an instance passes the class's rules; `partial` skips missing values (updates). */
export type RuleCheck = (instance: any, partial: boolean) => boolean;

/**
 * Compiles a class's synchronous, flat class-validator rules into one generated pass/fail
 * function with class-validator's own semantics: per property, every condition
 * (`@IsOptional`, `@ValidateIf`) runs and gates the rest, then `@IsDefined`, then the rules
 * (`each` over the items of arrays, sets and maps). Built-in rules are inlined, the others
 * called. A failure says nothing more: callers re-run class-validator for its messages.
 */
export function compileRuleCheck(selection: RuleSelection): RuleCheck {
  const b = new Bindings();
  const lines = ['let v, k;'];
  for (const [property, metas] of Object.entries(selection.grouped)) {
    const conditions: string[] = [];
    const defined: string[] = [];
    const rules: string[] = [];
    for (const meta of metas) {
      if (meta.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        conditions.push(
          meta.name === 'isOptional'
            ? '(v !== null && v !== undefined)'
            : `(0, ${b.ref(meta.constraints[0])})(o, v)`,
        );
      } else if (meta.type === ValidationTypes.IS_DEFINED) {
        defined.push(`if (!${ruleCheck(meta, selection, b)}) return false;`);
      } else if (meta.type === ValidationTypes.CUSTOM_VALIDATION) {
        rules.push(`if (!${ruleCheck(meta, selection, b)}) return false;`);
      }
    }
    if (!defined.length && !rules.length) continue;
    const checks = [
      ...defined,
      ...(rules.length
        ? ['if (!partial || (v !== null && v !== undefined)) {', ...rules, '}']
        : []),
    ].join('\n');
    lines.push(`v = o[${literal(property)}];`);
    // Every condition runs, as in class-validator, before any of them decides.
    lines.push(
      conditions.length
        ? `if (${conditions.map((c) => `!!${c}`).join(' & ')}) {\n${checks}\n}`
        : checks,
    );
  }
  lines.push('return true;');
  return new Function('b', `return function passes(o, partial) {\n${lines.join('\n')}\n};`)(
    b.values,
  );
}

/** A rule as an expression over `v`: inline, through its shortcut, or calls to its validators. */
function ruleCheck(meta: ValidationMetadata, selection: RuleSelection, b: Bindings): string {
  const validators = selection.constraintsOf(meta).map((c) => c.instance);
  const inline = meta.each ? undefined : trustedInline(meta, validators, selection.targetName);
  if (inline)
    return inline.includes('k[')
      ? `(k = ${b.ref(meta.constraints ?? [])}, ${inline})`
      : `(${inline})`;
  const args = b.ref({
    targetName: selection.targetName,
    property: meta.propertyName,
    object: undefined,
    value: undefined,
    constraints: meta.constraints,
  });
  const invoke = b.ref(meta.each ? callEach : call);
  const calls = validators.map((validator) => {
    // With `each` the value is a collection: a shortcut for one value does not apply.
    const fast = meta.each
      ? undefined
      : fastAcceptFor(meta.name, meta.constraints, defaultMessageOf(validator));
    return fast
      ? `(${b.ref(fast)}(v) || ${invoke}(${b.ref(validator)}, ${args}, o, v))`
      : `${invoke}(${b.ref(validator)}, ${args}, o, v)`;
  });
  return calls.length ? `(${calls.join(' && ')})` : '(true)';
}

/** The inline expression of a built-in rule, once it has agreed with the rule on every probe. */
function trustedInline(
  meta: ValidationMetadata,
  validators: RuleValidator[],
  targetName: string,
): string | undefined {
  const rule = meta.name ? INLINE_RULES[meta.name] : undefined;
  const constraints = meta.constraints ?? [];
  if (!rule || validators.length !== 1 || defaultMessageOf(validators[0]) !== rule.message) return;
  if (rule.applies && !rule.applies(constraints)) return;
  const inline = new Function('k', 'v', `return ${rule.expression};`) as (
    k: unknown[],
    v: unknown,
  ) => boolean;
  // A second guard: the inline form must agree with the rule itself on every probe.
  try {
    for (const value of PROBE_VALUES) {
      const args = { targetName, property: meta.propertyName, object: {}, value, constraints };
      if (inline(constraints, value) && !validators[0].validate(value, args)) return;
    }
  } catch {
    return;
  }
  return rule.expression;
}

type RuleArguments = { object: unknown; value: unknown };

/** Calls a validator with its arguments object filled in for this call only. */
function call(validator: RuleValidator, args: RuleArguments, object: unknown, value: unknown) {
  args.object = object;
  args.value = value;
  try {
    return !!validator.validate(value, args);
  } finally {
    args.object = args.value = undefined;
  }
}

/** Like call, for an `each` rule: every item of an array, set or map, else the value itself. */
function callEach(validator: RuleValidator, args: RuleArguments, object: unknown, value: unknown) {
  if (!(Array.isArray(value) || value instanceof Set || value instanceof Map))
    return call(validator, args, object, value);
  const items = value instanceof Map ? [...value.values()] : [...value];
  args.object = object;
  args.value = value;
  try {
    return items.every((item) => !!validator.validate(item, args));
  } finally {
    args.object = args.value = undefined;
  }
}
