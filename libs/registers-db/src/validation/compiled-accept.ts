import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import type { ClassRules } from './class-rules';
import { isStorableDate } from './date-values';
import { checkFieldType, TEXT_MAX_BYTES } from './field-type-check';
import { isStorableText } from './text-values';
import { Bindings, literal } from './generated-code';
import { isUnsafeKey } from './unsafe-keys';

/**
 * One model's whole write check as a generated function: true only when ModelValidator's own
 * checks (storage types and required fields, then the class's compiled class-validator rules)
 * would find nothing. Anything it does not accept goes through those checks, which then say
 * why, so it can make a valid write cheaper and nothing else.
 */
export interface CompiledAccept {
  /** Plain input whose own keys are all fields of the model. */
  onlyKnownKeys(data: unknown): boolean;
  /** A built instance that passes every storage check and class rule as it is. */
  accepts(instance: object): boolean;
}

/** Accept-only forms of checkFieldType; other types call it and require no change. */
const TYPE_EXPRESSIONS: Partial<Record<FieldMetadata['type'], string>> = {
  // Only 32-bit integers equal their own `| 0` (and nothing that is not a number does).
  integer: '(v | 0) === v',
  // Safe integers fit every bigint field; bigints and digit strings take the full check.
  bigint: 'Number.isSafeInteger(v)',
  double: "typeof v === 'number' && Number.isFinite(v)",
  boolean: "typeof v === 'boolean'",
};

function typeCheck(field: FieldMetadata, b: Bindings): string {
  if (field.type === 'string' || field.type === 'text') {
    // Longer values take the full check (code points for strings, UTF-8 bytes for text).
    const units = field.type === 'string' ? field.length : Math.floor(TEXT_MAX_BYTES / 3);
    const length = units === undefined ? '' : ` && v.length <= ${b.ref(units)}`;
    return `typeof v === 'string'${length} && ${b.ref(isStorableText)}(v)`;
  }
  if (field.type === 'date' || field.type === 'datetime')
    return `${b.ref(isStorableDate)}(v, ${field.type === 'date'})`;
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
      ? `v = o[${literal(field.property)}]; if (v !== undefined && v !== null && !(${check})) return false;`
      : `v = o[${literal(field.property)}]; if (v === undefined || v === null || !(${check})) return false;`;
  });
}

function knownKeysCheck(known: Iterable<string>): string {
  const cases = [...known]
    .filter((key) => !isUnsafeKey(key))
    .map((key) => `case ${literal(key)}:`)
    .join(' ');
  return [
    "if (d === null || typeof d !== 'object' || Array.isArray(d)) return false;",
    'const p = Object.getPrototypeOf(d);',
    'if (p !== Object.prototype && p !== null) return false;',
    // for-in allocates no key list; it also visits inherited enumerable keys, which are
    // refused here and so only ever send the input to the full checks.
    'for (const k in d) {',
    `  switch (k) { ${cases} break; default: return false; }`,
    '}',
    'return true;',
  ].join('\n');
}

/**
 * Compiles the accept check of one model, or nothing when its class rules have no compiled
 * check (async or nested rules need class-validator itself).
 */
export function compileAccept(
  meta: ModelMetadata,
  known: Iterable<string>,
  rules: ClassRules,
): CompiledAccept | undefined {
  if (rules.hasRules && !rules.passes) return undefined;
  const b = new Bindings();
  const classRules = rules.hasRules ? `return ${b.ref(rules.passes)}(o, false);` : 'return true;';
  const body = ['let v;', ...storageChecks(meta, b), classRules].join('\n');
  const accepts = new Function('b', `return function accepts(o) {\n${body}\n};`)(b.values);
  const onlyKnownKeys = new Function(
    `return function onlyKnownKeys(d) {\n${knownKeysCheck(known)}\n};`,
  )();
  return { accepts, onlyKnownKeys };
}
