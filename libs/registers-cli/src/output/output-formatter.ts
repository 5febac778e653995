import type TableType from 'cli-table3';
import type { stringify as stringifyCsv } from 'csv-stringify/sync';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded when a table or csv is printed, not at start-up */
const loadTable = (): typeof TableType => require('cli-table3');
const stringify: typeof stringifyCsv = (...args) =>
  require('csv-stringify/sync').stringify(...args);
/* eslint-enable @typescript-eslint/no-require-imports */
import { OutputMode } from '../interfaces/output-mode.type';

type Row = Record<string, unknown>;

function isPlainRecord(value: unknown): value is Row {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** JSON.stringify that writes bigint as a string instead of throwing. */
function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), indent);
}

function toJsonSafe(value: unknown): unknown {
  if (
    value &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return JSON.parse(stringifyJson(value));
  }
  return value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return stringifyJson(value);
  return String(value);
}

function rowsOf(value: unknown): { columns: string[]; rows: Row[] } {
  const list = (Array.isArray(value) ? value : [value]).map(toJsonSafe);
  if (list.every(isPlainRecord)) {
    const columns: string[] = [];
    for (const row of list as Row[])
      for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    return { columns, rows: list as Row[] };
  }
  return { columns: ['value'], rows: list.map((v) => ({ value: v })) };
}

/**
 * Renders a command's return value. Strings print as they are in every mode; `undefined`
 * prints nothing; objects and arrays follow the mode (json, csv with a header row, table,
 * or plain `key: value` lines / aligned columns).
 */
export function formatOutput(value: unknown, mode: OutputMode): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (mode === 'json') return stringifyJson(value, 2);
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return mode === 'csv' ? stringify([[cell(value)]]).trimEnd() : cell(value);
  }
  if (mode === 'csv') {
    const { columns, rows } = rowsOf(value);
    if (Array.isArray(value) && value.length === 0) return '';
    return stringify(
      rows.map((r) => columns.map((c) => cell(r[c]))),
      { header: true, columns },
    ).trimEnd();
  }
  if (mode === 'table') return renderTable(value, true);
  if (Array.isArray(value) && value.every((v) => !isPlainRecord(v)))
    return value.map(cell).join('\n');
  if (isPlainRecord(value)) {
    const entries = Object.entries(toJsonSafe(value) as Row);
    const width = Math.max(0, ...entries.map(([k]) => k.length));
    return entries.map(([k, v]) => `${(k + ':').padEnd(width + 1)} ${cell(v)}`).join('\n');
  }
  return renderTable(value, false);
}

function renderTable(value: unknown, borders: boolean): string {
  const Table = loadTable();
  const chars = borders
    ? {}
    : {
        top: '',
        'top-mid': '',
        'top-left': '',
        'top-right': '',
        bottom: '',
        'bottom-mid': '',
        'bottom-left': '',
        'bottom-right': '',
        left: '',
        'left-mid': '',
        mid: '',
        'mid-mid': '',
        right: '',
        'right-mid': '',
        middle: '  ',
      };
  const style = {
    head: [],
    border: [],
    'padding-left': borders ? 1 : 0,
    'padding-right': borders ? 1 : 0,
  };
  if (isPlainRecord(value) && !borders) {
    return formatOutput(value, 'plain') ?? '';
  }
  if (isPlainRecord(value)) {
    const table = new Table({ chars, style, head: ['key', 'value'] });
    for (const [k, v] of Object.entries(toJsonSafe(value) as Row)) table.push([k, cell(v)]);
    return table.toString();
  }
  const { columns, rows } = rowsOf(value);
  if (rows.length === 0)
    return borders
      ? new Table({ chars, style, head: columns.length ? columns : ['value'] }).toString()
      : '';
  const table = new Table({ chars, style, head: columns });
  for (const row of rows) table.push(columns.map((c) => cell(row[c])));
  return table
    .toString()
    .split('\n')
    .map((line) => (borders ? line : line.trimEnd()))
    .join('\n');
}
