/**
 * A cron expression read the way croner reads it (5 fields, 6 with seconds first, 7 with a
 * year; nicknames; names; `?` as `*`; 7 as Sunday; `+` before the day of week for AND), kept
 * as per-field value sets so that each target can re-express it exactly or say what it cannot.
 */

export type CronFieldName = 'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';

/** One comma-separated part of a field: `*`, `*` with a step, `a`, `a-b` or `a-b/n` (names read as numbers). */
export interface CronItem {
  wildcard: boolean;
  start: number;
  end: number;
  step: number;
}

export interface CronField {
  name: CronFieldName;
  min: number;
  max: number;
  items: CronItem[];
  /** Matching values, ascending; day of week 0–6 with Sunday 0 (7 is read as 0). */
  values: number[];
  /** The field is exactly `*` (croner: day of month and day of week then combine with AND). */
  star: boolean;
}

export interface ParsedCron {
  second: CronField;
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
  /** `+` before the day of week: both day fields must match, even when both are restricted. */
  dayAndLogic: boolean;
}

export type CronParseResult =
  | { ok: true; cron: ParsedCron }
  /** `feature`: valid for croner but has no equivalent here (`'L' (last day of the month)`). */
  | { ok: false; feature: string }
  /** `invalid`: not a cron expression croner accepts. */
  | { ok: false; invalid: string };

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const BOUNDS: Record<CronFieldName, [number, number]> = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  dayOfMonth: [1, 31],
  month: [1, 12],
  dayOfWeek: [0, 7],
};

/** The 5-field equivalent of a nickname (`@daily` → `0 0 * * *`), or undefined. */
export function expandNickname(expression: string): string | undefined {
  return NICKNAMES[expression.trim().toLowerCase()];
}

export function parseCronExpression(expression: string): CronParseResult {
  let text = expression.trim();
  if (text.startsWith('@')) {
    const lower = text.toLowerCase();
    if (lower === '@reboot')
      return { ok: false, feature: '@reboot (a boot event, not a schedule)' };
    const expanded = NICKNAMES[lower];
    if (!expanded) return { ok: false, invalid: `unknown nickname ${text}` };
    text = expanded;
  }
  const parts = text.split(/\s+/).map((p) => p.replace(/\?/g, '*'));
  if (parts.length < 5 || parts.length > 7) {
    return { ok: false, invalid: `expected 5, 6 or 7 fields, got ${parts.length}` };
  }
  if (parts.length === 5) parts.unshift('0');
  if (parts.length === 7) {
    if (parts[6] !== '*') return { ok: false, feature: `a year field ('${parts[6]}')` };
    parts.pop();
  }
  const [second, minute, hour, dom, month] = parts;
  let dow = parts[5];

  if (/W/i.test(dom)) return { ok: false, feature: "'W' (nearest weekday)" };
  if (/L/i.test(dom)) return { ok: false, feature: "'L' (last day of the month)" };
  if (dow.includes('#')) return { ok: false, feature: "'#' (nth weekday of the month)" };
  if (/L/i.test(dow)) return { ok: false, feature: "'L' (last weekday of the month)" };
  let dayAndLogic = false;
  if (dow.startsWith('+')) {
    dayAndLogic = true;
    dow = dow.slice(1);
  }

  const fields: Partial<Record<CronFieldName, CronField>> = {};
  const sources: [CronFieldName, string][] = [
    ['second', second],
    ['minute', minute],
    ['hour', hour],
    ['dayOfMonth', dom],
    ['month', month],
    ['dayOfWeek', dow],
  ];
  for (const [name, source] of sources) {
    const parsed = parseField(name, source);
    if (typeof parsed === 'string') return { ok: false, invalid: parsed };
    fields[name] = parsed;
  }
  return { ok: true, cron: { ...(fields as Record<CronFieldName, CronField>), dayAndLogic } };
}

function parseField(name: CronFieldName, source: string): CronField | string {
  const [min, max] = BOUNDS[name];
  const items: CronItem[] = [];
  const set = new Set<number>();
  if (source === '') return `empty ${name} field`;
  for (const part of source.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) return `cannot read '${part}' in ${name} field '${source}'`;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) return `step 0 in ${name} field '${source}'`;
    let start = min;
    let end = max;
    const wildcard = m[1] === '*';
    if (!wildcard) {
      const [a, b] = m[1].split('-');
      const from = readValue(name, a);
      const to = b === undefined ? from : readValue(name, b);
      if (from === undefined || to === undefined) {
        return `cannot read '${part}' in ${name} field '${source}'`;
      }
      if (from < min || to > max || from > to) {
        return `'${part}' is out of range ${min}-${max} in ${name} field '${source}'`;
      }
      if (b === undefined && m[2] !== undefined) {
        return `'${part}': a step needs '*' or a range in ${name} field '${source}'`;
      }
      start = from;
      end = to;
    } else if (name === 'dayOfWeek') {
      end = 6;
    }
    items.push({ wildcard, start, end, step });
    for (let v = start; v <= end; v += step) set.add(name === 'dayOfWeek' && v === 7 ? 0 : v);
  }
  const values = [...set].sort((x, y) => x - y);
  return {
    name,
    min,
    max: name === 'dayOfWeek' ? 6 : max,
    items,
    values,
    star: source === '*',
  };
}

function readValue(name: CronFieldName, token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const upper = token.toUpperCase();
  if (name === 'month') {
    const i = MONTH_NAMES.indexOf(upper);
    return i < 0 ? undefined : i + 1;
  }
  if (name === 'dayOfWeek') {
    const i = DAY_NAMES.indexOf(upper);
    return i < 0 ? undefined : i;
  }
  return undefined;
}

/** Every value of the field's range is matched (`*`, `0-59`, …). */
export function isFull(field: CronField): boolean {
  return field.values.length === field.max - field.min + 1;
}
