/**
 * Random and hostile values for every column of `Sample`, with the oracle that says what the
 * database boundary must do with each (value-rules.ts) and how a read-back value is compared.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Color, CODE_LENGTH, type Sample } from './value-model';
import * as rules from './value-rules';
import type { Verdict } from './value-rules';

export type FieldName = Exclude<keyof Sample, 'id' | 'slug'>;
export type FilterOp = 'eq' | 'gte' | 'lte';

export interface FieldCase {
  field: FieldName;
  verdict: (value: unknown) => Verdict;
  /** Random values, hostile ones mixed in. */
  values: fc.Arbitrary<unknown>;
  /** Hostile values every run tries, whatever the seed. */
  hostile: unknown[];
  same: (read: unknown, expected: unknown) => boolean;
  filterOps: FilterOp[];
}

const sameNumber = (a: unknown, b: unknown) => typeof a === 'number' && Object.is(a, b);
const sameStrict = (a: unknown, b: unknown) => a === b;
const sameDate = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date && a.getTime() === b.getTime();

const RANGE: FilterOp[] = ['eq', 'gte', 'lte'];

/** A day of year `year` (1..9999 or beyond) at `ms` past UTC midnight; Date.UTC maps 0..99 to 19xx. */
export function utcDate(year: number, month = 1, day = 1, ms = 0): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return new Date(d.getTime() + ms);
}

/** One UTF-16 unit of trouble or an ordinary character. */
const unit = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.constantFrom('😀', '𝔸', '🇫🇷', 'é', 'e\u0301', '日', ' '), weight: 2 },
  {
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    weight: 1,
  },
  { arbitrary: fc.constant('\u0000'), weight: 1 },
);
const hostileString = (maxLength: number) => fc.string({ unit, maxLength });

const INT_EDGES = [
  rules.INT32.max,
  rules.INT32.max + 1,
  rules.INT32.min,
  rules.INT32.min - 1,
  2 ** 53 - 1,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
];
const NUMBER_EDGES = [NaN, Infinity, -Infinity, -0, 1e-7, 5e-324, 1.5];

const BIG_EDGES = [
  2n ** 53n + 1n,
  rules.INT64.max,
  rules.INT64.max + 1n,
  rules.INT64.min,
  rules.INT64.min - 1n,
  10n ** 20n,
];
const bigValues = fc.oneof(
  fc.bigInt({ min: rules.INT64.min, max: rules.INT64.max }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.constantFrom(...BIG_EDGES),
);
const bigHostile = [
  ...BIG_EDGES,
  ...BIG_EDGES.map(String),
  9007199254740993n.toString(),
  2 ** 53,
  2 ** 63,
  -0,
  NaN,
  Infinity,
  1.5,
  '12a',
  '007',
];
const bigArbitrary = fc.oneof(
  { arbitrary: bigValues, weight: 3 },
  { arbitrary: bigValues.map(String), weight: 3 },
  { arbitrary: fc.maxSafeInteger(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.constantFrom(...bigHostile), weight: 1 },
);

/** Numbers with `digits` fraction digits at most, from integers of up to 15 digits. */
const scaled = (digits: number, max = 10 ** 15 - 1) =>
  fc.integer({ min: -max, max }).map((n) => n / 10 ** digits);

const DECIMAL_EDGES = [
  19999999999.98,
  9999999999.99,
  -9999999999.99,
  10000000000,
  12345678901234.5,
  99999999999999.98,
  100000000000000,
  0.001,
  1.005,
  0.1 + 0.2,
  1e-6,
  0.1234567,
  1e21,
  ...NUMBER_EDGES,
];

const dateEdges = (): unknown[] => [
  utcDate(1),
  utcDate(1, 1, 1, 1),
  utcDate(50, 6, 15),
  utcDate(99, 12, 31, 86_399_999),
  utcDate(9999, 12, 31),
  utcDate(9999, 12, 31, 86_399_999),
  utcDate(10000),
  utcDate(-1),
  utcDate(0),
  new Date(NaN),
  new Date('2024-01-02T00:00:00.001Z'),
  new Date('2024-02-29T12:34:56.789Z'),
  '2024-02-30',
  '2023-02-29',
  '2024-02-29',
  '2024-13-01',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2024-02-30T00:00:00Z',
  '2024-02-29T23:59:59.999Z',
  'yesterday',
];

const YEARS = fc.oneof(
  fc.integer({ min: 1, max: 9999 }),
  fc.constantFrom(-1, 0, 1, 2, 1000, 1969, 1970, 9999, 10000),
);
const isoText = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 13 }),
    day: fc.integer({ min: 1, max: 31 }),
    time: fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: undefined }),
  })
  .map(({ year, month, day, time }) => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const d = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    if (time === undefined) return d;
    const [h, m, s, ms] = [time / 3_600_000, (time / 60_000) % 60, (time / 1000) % 60, time % 1000];
    return `${d}T${pad(Math.floor(h))}:${pad(Math.floor(m))}:${pad(Math.floor(s))}.${pad(ms, 3)}Z`;
  });
const anyDate = fc
  .record({
    year: YEARS,
    dayOfYear: fc.integer({ min: 0, max: 365 }),
    ms: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 86_399_999 })),
  })
  .map(({ year, dayOfYear, ms }) => utcDate(year, 1, 1 + dayOfYear, ms));

const jsonHostile: unknown[] = [
  { s: 'x\uD800y' },
  { 'k\u0000': 1 },
  ['a\u0000b'],
  { nested: { deep: ['ok', '\uDFFF'] } },
  { emoji: '😀 𝔸', accents: 'e\u0301' },
  [1e308, -0, 5e-324, 1e-7, 2 ** 53 + 2],
  {},
  [],
  { a: null, b: [null, true, false] },
  'plain text',
];
const jsonTree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    hostileString(12),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(hostileString(6), tie('node'), { maxKeys: 4 }),
  ),
})).node;

const rare = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 1 });
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 8 });

export const FIELD_CASES: FieldCase[] = [
  {
    field: 'whole',
    verdict: rules.integerVerdict,
    values: fc.oneof(
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double(),
      fc.constantFrom(...INT_EDGES, ...NUMBER_EDGES),
    ),
    hostile: [...INT_EDGES, ...NUMBER_EDGES],
    same: sameNumber,
    filterOps: RANGE,
  },
  {
    field: 'bigText',
    verdict: rules.bigintVerdict('string'),
    values: bigArbitrary,
    hostile: bigHostile,
    same: (a, b) => typeof a === 'string' && a === b,
    filterOps: RANGE,
  },
  {
    field: 'bigNative',
    verdict: rules.bigintVerdict('bigint'),
    values: bigArbitrary,
    hostile: bigHostile,
    same: (a, b) => typeof a === 'bigint' && a === b,
    filterOps: RANGE,
  },
  {
    field: 'ratio',
    verdict: rules.doubleVerdict,
    values: fc.oneof(
      fc.double(),
      fc.constantFrom(...NUMBER_EDGES, Number.MAX_VALUE, 2.2250738585072014e-308, 19999999999.98),
    ),
    hostile: [
      ...NUMBER_EDGES,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      2.2250738585072014e-308,
      0.1 + 0.2,
      19999999999.98,
      2 ** 53 + 2,
    ],
    same: sameNumber,
    filterOps: RANGE,
  },
  {
    field: 'amount',
    verdict: rules.twoPlacesVerdict,
    values: fc.oneof(scaled(2, 10 ** 12), fc.double(), fc.constantFrom(...DECIMAL_EDGES)),
    hostile: [1.5e-7, 1.005, 0.01, 19999999999.98, 1e21, ...NUMBER_EDGES],
    same: sameNumber,
    filterOps: RANGE,
  },
  {
    field: 'price',
    verdict: rules.decimalVerdict(12, 2),
    values: fc.oneof(
      scaled(2, 10 ** 12 - 1),
      scaled(3, 10 ** 12),
      fc.double({ min: -1e13, max: 1e13 }),
      fc.constantFrom(...DECIMAL_EDGES),
    ),
    hostile: DECIMAL_EDGES,
    same: sameNumber,
    filterOps: RANGE,
  },
  {
    field: 'rate',
    verdict: rules.decimalVerdict(20, 6),
    values: fc.oneof(
      scaled(6),
      scaled(2),
      scaled(7),
      fc.double({ min: -1e15, max: 1e15 }),
      fc.constantFrom(...DECIMAL_EDGES),
    ),
    hostile: DECIMAL_EDGES,
    same: sameNumber,
    filterOps: RANGE,
  },
  {
    field: 'flag',
    verdict: rules.booleanVerdict,
    values: fc.oneof(often(fc.boolean()), rare(fc.constantFrom(0, 1, 'true', '', null))),
    hostile: [true, false, 0, 1, 'true', 'false', null],
    same: sameStrict,
    filterOps: ['eq'],
  },
  {
    field: 'code',
    verdict: rules.stringVerdict(CODE_LENGTH),
    values: fc.oneof(
      hostileString(CODE_LENGTH + 3),
      fc.string({ unit: 'binary', minLength: CODE_LENGTH - 1, maxLength: CODE_LENGTH + 1 }),
    ),
    hostile: [
      'x\uD800y',
      'a\u0000b',
      '\uDC00',
      '😀'.repeat(CODE_LENGTH),
      '😀'.repeat(CODE_LENGTH + 1),
      'a'.repeat(CODE_LENGTH),
      'a'.repeat(CODE_LENGTH + 1),
      'é'.repeat(CODE_LENGTH),
      'e\u0301'.repeat(CODE_LENGTH / 2),
      'e\u0301'.repeat(CODE_LENGTH / 2) + 'x',
      ' a  b  ',
      '',
    ],
    same: sameStrict,
    filterOps: RANGE,
  },
  {
    field: 'body',
    verdict: rules.stringVerdict(undefined),
    values: fc.oneof(
      { arbitrary: hostileString(200), weight: 30 },
      rare(
        fc
          .tuple(
            fc.integer({ min: 60_000, max: 1_000_000 }),
            fc.constantFrom('x', 'é', '😀', '\u0000'),
          )
          .map(([n, c]) => c.repeat(Math.ceil(n / c.length / 2))),
      ),
    ),
    hostile: [
      'x\uD800y',
      'a\u0000b',
      '\uDBFF',
      'x'.repeat(65_536),
      '😀'.repeat(20_000),
      'é'.repeat(40_000),
      'x'.repeat(1 << 20),
      '',
    ],
    same: sameStrict,
    filterOps: ['eq'],
  },
  {
    field: 'ref',
    verdict: rules.uuidVerdict,
    values: fc.oneof(
      often(fc.uuid()),
      rare(hostileString(36)),
      rare(fc.uuid().map((u) => u.toUpperCase())),
    ),
    hostile: [
      '00000000-0000-4000-8000-000000000001',
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
      'not-a-uuid',
      '00000000-0000-4000-8000-00000000000\u0000',
    ],
    same: sameStrict,
    filterOps: RANGE,
  },
  {
    field: 'day',
    verdict: rules.dateOnlyVerdict,
    values: fc.oneof(
      anyDate.map((d) =>
        Number.isNaN(d.getTime())
          ? d
          : new Date(d.getTime() - (((d.getTime() % 86_400_000) + 86_400_000) % 86_400_000)),
      ),
      anyDate,
      isoText,
      fc.constantFrom(...dateEdges()),
    ),
    hostile: dateEdges(),
    same: sameDate,
    filterOps: RANGE,
  },
  {
    field: 'at',
    verdict: rules.datetimeVerdict,
    values: fc.oneof(anyDate, fc.date(), isoText, fc.constantFrom(...dateEdges())),
    hostile: dateEdges(),
    same: sameDate,
    filterOps: RANGE,
  },
  {
    field: 'meta',
    verdict: rules.jsonVerdict,
    values: fc.oneof(
      fc.jsonValue().filter((v) => v !== null),
      jsonTree.filter((v) => v !== null),
      fc.constantFrom(...jsonHostile),
    ),
    hostile: jsonHostile,
    same: (a, b) => isDeepStrictEqual(a, b),
    filterOps: [],
  },
  {
    field: 'color',
    verdict: rules.enumVerdict(Object.values(Color)),
    values: fc.oneof(
      often(fc.constantFrom(...Object.values(Color))),
      rare(hostileString(6)),
      rare(fc.constantFrom('RED', 'red\u0000', '')),
    ),
    hostile: ['red', 'RED', 'purple', '', 'red\u0000'],
    same: sameStrict,
    filterOps: RANGE,
  },
];

/** A value as a failure report shows it: long strings cut, lone surrogates and NUL escaped. */
export function show(value: unknown): string {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : `Date(${value.toISOString()})`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string' && value.length > 60) {
    return `${JSON.stringify(value.slice(0, 24))}… (${rules.codePoints(value)} code points)`;
  }
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}
