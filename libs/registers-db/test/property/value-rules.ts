/**
 * The value rules at the database boundary, written as an oracle: for a field and a value,
 * whether a write must be refused with a ValidationError (and which rule says so), must
 * round-trip to a known value, or may do either (round-tripping exactly when accepted).
 */

export type Verdict =
  | { outcome: 'reject'; rule: string }
  | { outcome: 'accept'; expected: unknown; rule?: string }
  | { outcome: 'either'; expected: unknown; rule?: string };

const reject = (rule: string): Verdict => ({ outcome: 'reject', rule });
const accept = (expected: unknown, rule?: string): Verdict => ({
  outcome: 'accept',
  expected,
  rule,
});

export const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
export const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** A lone (unpaired) UTF-16 surrogate or a NUL anywhere in the string. */
export function hasBadCodeUnit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Integer and fraction digits of a number's shortest decimal form (`1e-7` has 7 fraction digits). */
export function decimalDigits(v: number): { integer: number; fraction: number } {
  const text = String(Math.abs(v));
  const [mantissa, exponentText] = text.split('e');
  const [intPart, fracPart = ''] = mantissa.split('.');
  if (exponentText === undefined) {
    return { integer: intPart === '0' ? 0 : intPart.length, fraction: fracPart.length };
  }
  const digits = (intPart + fracPart).replace(/^0+/, '');
  const point = intPart.length + Number(exponentText);
  return { integer: Math.max(point, 0), fraction: Math.max(digits.length - point, 0) };
}

const positiveZero = (v: number) => (Object.is(v, -0) ? 0 : v);
const zeroRule = (v: number) => (Object.is(v, -0) ? 'negative-zero' : undefined);

function finite(v: unknown): Verdict | undefined {
  if (typeof v !== 'number') return reject('type');
  if (!Number.isFinite(v)) return reject('non-finite');
  return undefined;
}

export function integerVerdict(v: unknown): Verdict {
  const bad = finite(v);
  if (bad) return bad;
  const n = v as number;
  if (!Number.isInteger(n)) return reject('type (@IsInt)');
  if (n < INT32.min || n > INT32.max) return reject('int32-range');
  return accept(positiveZero(n), zeroRule(n));
}

export function doubleVerdict(v: unknown): Verdict {
  const bad = finite(v);
  if (bad) return bad;
  return accept(positiveZero(v as number), zeroRule(v as number));
}

/** `@IsNumber({ maxDecimalPlaces: 2 })`: class-validator throws on `1e-7` (no '.' in its text). */
export function twoPlacesVerdict(v: unknown): Verdict {
  const bad = finite(v);
  if (bad) return bad;
  const n = v as number;
  if (decimalDigits(n).fraction > 2) {
    return reject(String(n).includes('e-') ? 'validator-crash' : 'validator-rule');
  }
  return accept(positiveZero(n), zeroRule(n));
}

export function decimalVerdict(precision: number, scale: number) {
  return (v: unknown): Verdict => {
    const bad = finite(v);
    if (bad) return bad;
    const n = v as number;
    const digits = decimalDigits(n);
    if (digits.fraction > scale || digits.integer > precision - scale)
      return reject('decimal-digits');
    return accept(positiveZero(n), zeroRule(n));
  };
}

/** A bigint column: `as` is how it reads back (`string` for a string property, `bigint` for a bigint one). */
export function bigintVerdict(as: 'string' | 'bigint') {
  const out = (b: bigint) => (as === 'string' ? b.toString() : b);
  const ranged = (b: bigint, ok: (e: unknown) => Verdict): Verdict =>
    b < INT64.min || b > INT64.max ? reject('int64-range') : ok(out(b));
  return (v: unknown): Verdict => {
    if (typeof v === 'bigint') return ranged(v, (e) => accept(e, 'bigint-read-type'));
    if (typeof v === 'string') {
      if (hasBadCodeUnit(v)) return reject('string-content');
      if (!/^[+-]?\d+$/.test(v)) return reject('type (not an integer)');
      const b = BigInt(v);
      // The rules refuse digit strings beyond int64 but do not promise to take the others.
      return ranged(b, (e) => ({ outcome: 'either', expected: e, rule: 'bigint-read-type' }));
    }
    const bad = finite(v);
    if (bad) return bad;
    const n = v as number;
    if (!Number.isInteger(n)) return reject('type (not an integer)');
    // A number may be refused (beyond 2^53 it may already be rounded); taken, it reads back exactly.
    return ranged(BigInt(n), (e) => ({ outcome: 'either', expected: e, rule: 'bigint-read-type' }));
  };
}

export function stringVerdict(length: number | undefined) {
  return (v: unknown): Verdict => {
    if (typeof v !== 'string') return reject('type');
    if (hasBadCodeUnit(v)) return reject('string-content');
    if (length !== undefined && codePoints(v) > length) return reject('string-length');
    // MariaDB's TEXT holds 64 KB; the rules ask for 16 MB on every dialect.
    return accept(v, Buffer.byteLength(v) > 65_535 ? 'text-size' : undefined);
  };
}

export function uuidVerdict(v: unknown): Verdict {
  if (typeof v !== 'string') return reject('type');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) return accept(v);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) {
    // Stored lower-case (documented), so an upper-case one may read back lower-cased.
    return { outcome: 'either', expected: v.toLowerCase(), rule: 'uuid-lower-case' };
  }
  return reject(hasBadCodeUnit(v) ? 'string-content' : 'validator-rule (@IsUUID)');
}

export function booleanVerdict(v: unknown): Verdict {
  return typeof v === 'boolean' ? accept(v) : reject('validator-rule (@IsBoolean)');
}

export function enumVerdict(values: string[]) {
  return (v: unknown): Verdict =>
    typeof v === 'string' && values.includes(v) ? accept(v) : reject('validator-rule (@IsEnum)');
}

/** Rejects when any string (key or value) in the JSON tree has a lone surrogate or NUL. */
export function jsonVerdict(v: unknown): Verdict {
  const bad = (x: unknown): boolean => {
    if (typeof x === 'string') return hasBadCodeUnit(x);
    if (Array.isArray(x)) return x.some(bad);
    if (x && typeof x === 'object') {
      return Object.entries(x).some(([k, y]) => hasBadCodeUnit(k) || bad(y));
    }
    return false;
  };
  if (bad(v)) return reject('string-content');
  return accept(JSON.parse(JSON.stringify(v)));
}

const ISO =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Whether an ISO-8601 text names a real calendar moment (no 30 February, no hour 24). */
function isoParts(s: string): { valid: boolean; year: number; dayOnly: boolean } | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  const valid =
    month >= 1 &&
    month <= 12 &&
    probe.getUTCDate() === day &&
    probe.getUTCMonth() === month - 1 &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return { valid, year, dayOnly: m[4] === undefined };
}

const inYearRange = (year: number) => year >= 1 && year <= 9999;
/** Years 1..99, which some drivers read back as 19xx. */
const earlyYear = (d: Date) => (d.getUTCFullYear() < 100 ? 'year-1-to-99' : undefined);

export function datetimeVerdict(v: unknown): Verdict {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return reject('date-invalid');
    if (!inYearRange(v.getUTCFullYear())) return reject('date-year-range');
    return accept(new Date(v.getTime()), earlyYear(v) ?? 'datetime-ms');
  }
  if (typeof v !== 'string') return reject('type');
  const parts = isoParts(v);
  if (!parts) return reject('date-invalid');
  if (!parts.valid) return reject('date-calendar');
  if (!inYearRange(parts.year)) return reject('date-year-range');
  return { outcome: 'either', expected: new Date(v), rule: earlyYear(new Date(v)) };
}

export function dateOnlyVerdict(v: unknown): Verdict {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return reject('date-invalid');
    if (!inYearRange(v.getUTCFullYear())) return reject('date-year-range');
    if (v.getTime() % 86_400_000 !== 0) return reject('date-day-only');
    return accept(new Date(v.getTime()), earlyYear(v));
  }
  if (typeof v !== 'string') return reject('type');
  const parts = isoParts(v);
  if (!parts) return reject('date-invalid');
  if (!parts.valid) return reject('date-calendar');
  if (!inYearRange(parts.year)) return reject('date-year-range');
  if (!parts.dayOnly || !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    // A date-time naming midnight UTC is that day exactly; any other time is refused.
    const instant = new Date(v);
    if (instant.getTime() % 86_400_000 !== 0) return reject('date-day-only');
    return accept(instant, earlyYear(instant));
  }
  const day = new Date(`${v}T00:00:00.000Z`);
  return accept(day, earlyYear(day));
}
