import { ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { defaultMessageOf, RuleSelection, RuleValidator } from './class-rules';
import { fastAcceptFor } from './fast-accept';
import { checkFieldType } from './field-type-check';
import { INLINE_RULES, PROBE_VALUES } from './inline-rules';
import { isUnsafeKey } from './unsafe-keys';

/**
 * One model's whole write check as a single generated function: true only when
 * ModelValidator's own checks (storage types and required fields, then the class's
 * class-validator rules) would find nothing. Anything it does not accept goes through those
 * checks, which then say why, so it can make a valid write cheaper and nothing else.
 */
export interface CompiledAccept {
  /** Plain input whose own keys are all fields of the model. */
  onlyKnownKeys(data: unknown): boolean;
  /** A built instance that passes every storage check and class rule as it is. */
  accepts(instance: object): boolean;
}

/** Values the generated code reads through arrays instead of inlining them as literals. */
class Bindings {
  readonly values: unknown[] = [];

  ref(value: unknown): string {
    this.values.push(value);
    return `b[${this.values.length - 1}]`;
  }
}

const lit = (property: string) => JSON.stringify(property);

/** Accept-only forms of checkFieldType; other types call it and require no change. */
const TYPE_EXPRESSIONS: Partial<Record<FieldMetadata['type'], string>> = {
  integer: 'Number.isSafeInteger(v)',
  bigint: "typeof v === 'bigint' || Number.isSafeInteger(v)",
  double: "typeof v === 'number' && Number.isFinite(v)",
  boolean: "typeof v === 'boolean'",
  text: "typeof v === 'string'",
};

function typeCheck(field: FieldMetadata, b: Bindings): string {
  if (field.type === 'string') {
    return field.length === undefined
      ? "typeof v === 'string'"
      : `typeof v === 'string' && v.length <= ${b.ref(field.length)}`;
  }
  const inline = TYPE_EXPRESSIONS[field.type];
  if (inline) return inline;
  return `${b.ref(sameValueAccepted)}(${b.ref(field)}, v)`;
}

function sameValueAccepted(field: FieldMetadata, value: unknown): boolean {
  const checked = checkFieldType(field, value);
  return checked.issue === undefined && checked.value === value;
}

function storageChecks(meta: ModelMetadata, b: Bindings): string[] {
  return meta.fields.map((field) => {
    const generated =
      field.isKey && (field.idStrategy === 'autoincrement' || field.idStrategy === 'uuid4');
    const check = typeCheck(field, b);
    return field.nullable || generated
      ? `v = o[${lit(field.property)}]; if (v !== undefined && v !== null && !(${check})) return false;`
      : `v = o[${lit(field.property)}]; if (v === undefined || v === null || !(${check})) return false;`;
  });
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

/** A rule as an expression over `v`: inline, through its shortcut, or a call to its validator. */
function ruleCheck(meta: ValidationMetadata, selection: RuleSelection, b: Bindings): string {
  const validators = selection.constraintsOf(meta).map((c) => c.instance);
  const inline = trustedInline(meta, validators, selection.targetName);
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
  const calls = validators.map((validator) => `${b.ref(call)}(${b.ref(validator)}, ${args}, o, v)`);
  const fast =
    validators.length === 1
      ? fastAcceptFor(meta.name, meta.constraints, defaultMessageOf(validators[0]))
      : undefined;
  const all = calls.length ? calls.join(' && ') : 'true';
  return fast ? `(${b.ref(fast)}(v) || (${all}))` : `(${all})`;
}

/** Calls a validator with its arguments object filled in for this call only. */
function call(
  validator: RuleValidator,
  args: { object: unknown; value: unknown },
  object: unknown,
  value: unknown,
): boolean {
  args.object = object;
  args.value = value;
  try {
    return !!validator.validate(value, args);
  } finally {
    args.object = args.value = undefined;
  }
}

/** Per property, class-validator's order: conditions gate it, then defined, then the rules. */
function classRuleChecks(selection: RuleSelection, b: Bindings): string[] | undefined {
  const lines: string[] = [];
  for (const [property, metas] of Object.entries(selection.grouped)) {
    const conditions: string[] = [];
    const checks: string[] = [];
    for (const meta of metas) {
      if (meta.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        conditions.push(
          meta.name === 'isOptional'
            ? '(v !== null && v !== undefined)'
            : `(0, ${b.ref(meta.constraints[0])})(o, v)`,
        );
      } else if (
        meta.type === ValidationTypes.IS_DEFINED ||
        meta.type === ValidationTypes.CUSTOM_VALIDATION
      ) {
        // A rule over each item of a collection is left to class-validator.
        if (meta.each) return undefined;
        const check = `if (!${ruleCheck(meta, selection, b)}) return false;`;
        if (meta.type === ValidationTypes.IS_DEFINED) checks.unshift(check);
        else checks.push(check);
      }
    }
    if (!checks.length) continue;
    lines.push(`v = o[${lit(property)}];`);
    // Every condition runs, as in class-validator, before any of them decides.
    lines.push(
      conditions.length
        ? `if (${conditions.map((c) => `!!${c}`).join(' & ')}) {\n${checks.join('\n')}\n}`
        : checks.join('\n'),
    );
  }
  return lines;
}

function knownKeysCheck(known: Iterable<string>): string {
  const cases = [...known]
    .filter((key) => !isUnsafeKey(key))
    .map((key) => `case ${lit(key)}:`)
    .join(' ');
  return [
    "if (d === null || typeof d !== 'object' || Array.isArray(d)) return false;",
    'const p = Object.getPrototypeOf(d);',
    'if (p !== Object.prototype && p !== null) return false;',
    'const keys = Object.keys(d);',
    'for (let i = 0; i < keys.length; i++) {',
    `  switch (keys[i]) { ${cases} break; default: return false; }`,
    '}',
    'return true;',
  ].join('\n');
}

/**
 * Compiles the accept check of one model, or nothing when its rules need class-validator
 * itself (async, nested or per-item rules).
 */
export function compileAccept(
  meta: ModelMetadata,
  known: Iterable<string>,
  selection: RuleSelection,
): CompiledAccept | undefined {
  if (selection.hasAsyncRules || !selection.flat) return undefined;
  const b = new Bindings();
  const rules = classRuleChecks(selection, b);
  if (!rules) return undefined;
  const body = ['let v, k;', ...storageChecks(meta, b), ...rules, 'return true;'].join('\n');
  const accepts = new Function('b', `return function accepts(o) {\n${body}\n};`)(b.values);
  const onlyKnownKeys = new Function(
    `return function onlyKnownKeys(d) {\n${knownKeysCheck(known)}\n};`,
  )();
  return { accepts, onlyKnownKeys };
}
