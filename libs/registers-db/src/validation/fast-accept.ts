/**
 * Cheap checks that accept a strict subset of what a class-validator rule accepts. A value
 * they accept is valid for the rule; anything else still goes to the rule itself, so a
 * shortcut can only skip work, never change an answer (test/validation-fast-accept.spec.ts
 * holds each one against the real rule).
 */
type FastAccept = (value: unknown) => boolean;

/**
 * Plain addresses: dot-separated local atoms of [a-z0-9_+-] (at most 64 characters) at a
 * domain of LDH labels (1–63 characters, no hyphen at either end) with an alphabetic TLD.
 * validator.js `isEmail` with default options accepts all of these.
 */
const PLAIN_EMAIL =
  /^(?=[^@]{1,64}@)[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;

const plainEmail: FastAccept = (value) =>
  typeof value === 'string' && value.length <= 254 && PLAIN_EMAIL.test(value);

/**
 * The shortcut for class-validator's own rule (its name and default message template), only
 * when it has default options.
 */
export function fastAcceptFor(
  name: string | undefined,
  constraints: unknown[] | undefined,
  defaultMessage: string | undefined,
): FastAccept | undefined {
  if (
    name === 'isEmail' &&
    defaultMessage === '$property must be an email' &&
    (constraints === undefined || constraints[0] === undefined)
  )
    return plainEmail;
  return undefined;
}
