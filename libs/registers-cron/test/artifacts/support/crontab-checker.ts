/**
 * A strict reader of crontab(5) files, written for the tests: comments, blank lines,
 * `NAME=value` settings and entries of five time fields and a command. Each field holds
 * `*`, numbers, ranges and steps in its own range; a month or weekday name only alone.
 */
export interface CrontabEntry {
  fields: string[];
  command: string;
  /** The environment settings in force for this entry (CRON_TZ, …). */
  env: Record<string, string>;
}

const RANGES: [string, number, number, string[]][] = [
  ['minute', 0, 59, []],
  ['hour', 0, 23, []],
  ['day of month', 1, 31, []],
  [
    'month',
    1,
    12,
    ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ],
  ['day of week', 0, 7, ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']],
];

export function checkCronField(index: number, field: string): void {
  const [what, min, max, names] = RANGES[index];
  const fail = (why: string): never => {
    throw new Error(`invalid ${what} field '${field}': ${why}`);
  };
  if (names.includes(field.toLowerCase())) return;
  for (const item of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) fail(`cannot read '${item}'`);
    const [, whole, a, b, step] = m as RegExpExecArray;
    if (step !== undefined && (Number(step) < 1 || Number(step) > max)) fail(`step ${step}`);
    if (whole === '*') continue;
    if (step !== undefined && b === undefined) fail(`'${item}' steps without a range`);
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (from < min || to > max || from > to) fail(`'${item}' outside ${min}-${max}`);
  }
}

/** Checks a whole crontab text and returns its entries; throws on the first invalid line. */
export function parseCrontab(text: string): CrontabEntry[] {
  if (text !== '' && !text.endsWith('\n')) throw new Error('a crontab must end with a newline');
  const entries: CrontabEntry[] = [];
  const env: Record<string, string> = {};
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const setting = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (setting) {
      env[setting[1]] = setting[2];
      return;
    }
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S.*)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1} is not a crontab entry: ${line}`);
    const fields = m.slice(1, 6);
    fields.forEach((f, k) => checkCronField(k, f));
    entries.push({ fields, command: m[6], env: { ...env } });
  });
  return entries;
}
