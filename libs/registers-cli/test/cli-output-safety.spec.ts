import { formatOutput } from '../src';
import { guardCsvCell } from '../src/output/csv-guard';
import { escapeControls } from '../src/output/terminal-text';
import { reportError } from '../src/runtime/error-report';
import { emptyGlobals } from '../src/parser/global-values';
import type { CliIO } from '../src/runtime/cli-io';

/** Neither ESC nor BEL reaches the terminal as a raw byte. */
function expectNoRawControls(text: string): void {
  expect(text).not.toContain('\u001b');
  expect(text).not.toContain('\u0007');
}

const CLEAR = '\u001b[2J';
const BEL = '\u0007';
/** Every control character: C0, DEL and C1. */
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
].map((code) => String.fromCharCode(code));

describe('control characters in plain and table output', () => {
  const title = `Pay ${CLEAR}rent${BEL}`;

  it('writes each control character but line feed and tab as its \\uXXXX escape', () => {
    for (const char of CONTROLS) {
      const code = char.charCodeAt(0);
      const shown = escapeControls(`a${char}b`);
      if (char === '\n' || char === '\t') expect(shown).toBe(`a${char}b`);
      else expect(shown).toBe(`a\\u${code.toString(16).padStart(4, '0')}b`);
    }
    expect(escapeControls('café ✓ 日本')).toBe('café ✓ 日本');
  });

  it('shows them escaped in plain lines, key: value lines and returned strings', () => {
    expect(formatOutput({ id: 1, title }, 'plain')).toBe(
      'id:    1\ntitle: Pay \\u001b[2Jrent\\u0007',
    );
    expect(formatOutput([title, 'ok'], 'plain')).toBe('Pay \\u001b[2Jrent\\u0007\nok');
    expect(formatOutput([{ id: 1, title }], 'plain')).toBe(
      'id  title\n1   Pay \\u001b[2Jrent\\u0007',
    );
    for (const mode of ['plain', 'table', 'json', 'csv'] as const) {
      expect(formatOutput(`Added: ${title}\nnext\tline`, mode)).toBe(
        'Added: Pay \\u001b[2Jrent\\u0007\nnext\tline',
      );
    }
  });

  it('shows them escaped in table cells and headers, so no raw ESC or BEL reaches the terminal', () => {
    const table = formatOutput([{ id: 1, title, [`k${BEL}`]: 'v' }], 'table')!;
    expect(table).toContain('Pay \\u001b[2Jrent\\u0007');
    expect(table).toContain('k\\u0007');
    expectNoRawControls(table);
    const single = formatOutput({ title }, 'table')!;
    expect(single).toContain('Pay \\u001b[2Jrent\\u0007');
    expectNoRawControls(single);
  });

  it('leaves json to JSON escaping', () => {
    const json = formatOutput({ title }, 'json')!;
    expectNoRawControls(json);
    expect(JSON.parse(json)).toEqual({ title });
  });

  it('escapes them in the Error: line on stderr', () => {
    let stderr = '';
    const io = {
      stderr: { write: (text: string) => (stderr += text) },
      stderrIsTTY: false,
      env: {},
    } as unknown as CliIO;
    const code = reportError(new Error(`No item ${CLEAR}x`), io, emptyGlobals(), 'plain');
    expect(code).toBe(1);
    expect(stderr).toBe('Error: No item \\u001b[2Jx\n');
  });
});

describe('CSV cells that start like a formula', () => {
  it('get a leading quote for =, +, -, @, tab and CR', () => {
    for (const text of ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("x")'])
      expect(guardCsvCell(text, text)).toBe(`'${text}`);
    for (const text of ['1+1', 'a=b', ' =1', '', "'=1", 'plain'])
      expect(guardCsvCell(text, text)).toBe(text);
  });

  it('keep numbers, bigints and strings that are one plain decimal number as they are', () => {
    expect(guardCsvCell('-5', -5)).toBe('-5');
    expect(guardCsvCell('-9007199254740993', -9007199254740993n)).toBe('-9007199254740993');
    for (const text of ['-5', '+3', '-12.50']) expect(guardCsvCell(text, text)).toBe(text);
    for (const text of ['-5+cmd', '-1e5', '+3,2', '-.5', '-5 '])
      expect(guardCsvCell(text, text)).toBe(`'${text}`);
  });

  it('are neutralized in csv output, headers too, and left raw with rawCsv', () => {
    const rows = [
      { id: 1, balance: -5, title: '=cmd|"/c calc"!A1', note: '-12.50' },
      { id: 2, balance: 3, title: '@SUM(1)', note: '+1+2', ['=key']: 'x' },
    ];
    expect(formatOutput(rows, 'csv')).toBe(
      [
        "id,balance,title,note,'=key",
        `1,-5,"'=cmd|""/c calc""!A1",-12.50,`,
        "2,3,'@SUM(1),'+1+2,x",
      ].join('\n'),
    );
    expect(formatOutput(rows, 'csv', { rawCsv: true })).toBe(
      [
        'id,balance,title,note,=key',
        `1,-5,"=cmd|""/c calc""!A1",-12.50,`,
        '2,3,@SUM(1),+1+2,x',
      ].join('\n'),
    );
    expect(formatOutput(['=1', -1, '-x'], 'csv')).toBe("value\n'=1\n-1\n'-x");
    expect(formatOutput(-5, 'csv')).toBe('-5');
    expect(formatOutput({ formula: '=1' }, 'csv')).toBe("formula\n'=1");
  });
});
