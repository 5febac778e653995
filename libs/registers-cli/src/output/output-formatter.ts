import type TableType from 'cli-table3';
import type { stringify as stringifyCsv } from 'csv-stringify/sync';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded when a table or csv is printed, not at start-up */
const loadTable = (): typeof TableType => require('cli-table3');
const stringify: typeof stringifyCsv = (...args) =>
  require('csv-stringify/sync').stringify(...args);
/* eslint-enable @typescript-eslint/no-require-imports */
import { OutputMode } from '../interfaces/output-mode.type';
import { guardCsvCell } from './csv-guard';
import { escapeControls } from './terminal-text';

export interface FormatOptions {
  /** CSV cells exactly as the values are, without the formula guard (`--raw-csv`). */
  rawCsv?: boolean;
}

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

/** A cell of plain or table output: control characters shown as `\uXXXX`. */
function shown(value: unknown): string {
  return escapeControls(cell(value));
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
 * Renders a command's return value. Strings print as they are in every mode (control
 * characters escaped); `undefined` prints nothing; objects and arrays follow the mode (json,
 * csv with a header row, table, or plain `key: value` lines / aligned columns). Plain and
 * table output show control characters as `\uXXXX`; csv cells that a spreadsheet would read
 * as a formula get a leading `'` unless `rawCsv`.
 */
export function formatOutput(
  value: unknown,
  mode: OutputMode,
  options: FormatOptions = {},
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return escapeControls(value);
  if (mode === 'json') return stringifyJson(value, 2);
  if (mode === 'csv') return renderCsv(value, options.rawCsv === true);
  if (value === null || typeof value !== 'object' || value instanceof Date) return shown(value);
  if (mode === 'table') return renderTable(value, true);
  if (Array.isArray(value) && value.every((v) => !isPlainRecord(v)))
    return value.map(shown).join('\n');
  if (isPlainRecord(value)) {
    const entries = Object.entries(toJsonSafe(value) as Row);
    const keys = entries.map(([k]) => escapeControls(k));
    const width = Math.max(0, ...keys.map((k) => k.length));
    return entries.map(([, v], i) => `${(keys[i] + ':').padEnd(width + 1)} ${shown(v)}`).join('\n');
  }
  return renderTable(value, false);
}

function renderCsv(value: unknown, raw: boolean): string {
  const csvCell = (v: unknown): string => (raw ? cell(v) : guardCsvCell(cell(v), v));
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return stringify([[csvCell(value)]]).trimEnd();
  }
  if (Array.isArray(value) && value.length === 0) return '';
  const { columns, rows } = rowsOf(value);
  return stringify(
    rows.map((r) => columns.map((c) => csvCell(r[c]))),
    { header: true, columns: columns.map((key) => ({ key, header: csvCell(key) })) },
  ).trimEnd();
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
    for (const [k, v] of Object.entries(toJsonSafe(value) as Row))
      table.push([escapeControls(k), shown(v)]);
    return table.toString();
  }
  const { columns, rows } = rowsOf(value);
  const head = columns.map(escapeControls);
  if (rows.length === 0)
    return borders
      ? new Table({ chars, style, head: head.length ? head : ['value'] }).toString()
      : '';
  const table = new Table({ chars, style, head });
  for (const row of rows) table.push(columns.map((c) => shown(row[c])));
  return table
    .toString()
    .split('\n')
    .map((line) => (borders ? line : line.trimEnd()))
    .join('\n');
}
