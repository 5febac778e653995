/** What a field named like a secret shows instead of its value. */
export const REDACTED = '••••';

/** Field names whose values are never shown (matched ignoring case, `-` and `_`, as parts of a name). */
export const DEFAULT_SECRET_FIELDS = ['password', 'token', 'secret', 'authorization', 'api_key'];

const normalize = (name: string) => name.toLowerCase().replace(/[-_\s]/g, '');

/** Whether `field` is named like one of `secretFields` (`apiKey`, `API-KEY`, `db_password`…). */
export function isSecretField(field: string, secretFields: readonly string[]): boolean {
  const name = normalize(field);
  return secretFields.some((secret) => {
    const s = normalize(secret);
    return s !== '' && name.includes(s);
  });
}

/** A copy of `value` with the value of every secret-named field, at any depth, replaced by ••••. */
export function redact(value: unknown, secretFields: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, secretFields));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      isSecretField(key, secretFields) ? REDACTED : redact(item, secretFields),
    ]),
  );
}

/** The value as indented JSON, secrets redacted (for a `<pre>`; escaping is the caller's). */
export function redactedJson(value: unknown, secretFields: readonly string[]): string {
  const text = JSON.stringify(redact(value, secretFields), null, 2);
  return text === undefined ? String(value) : text;
}
