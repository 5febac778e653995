import { UsageError, formatOutput, splitShellWords } from '../src';

describe('splitShellWords', () => {
  it('splits on whitespace and keeps quoted text together', () => {
    expect(splitShellWords(`add "Buy milk" 'two  litres'   --force`)).toEqual([
      'add',
      'Buy milk',
      'two  litres',
      '--force',
    ]);
  });

  it('handles escapes, empty quoted words and quotes inside words', () => {
    expect(splitShellWords(String.raw`say "a \"quoted\" word" it\'s '' x"y"z`)).toEqual([
      'say',
      'a "quoted" word',
      "it's",
      '',
      'xyz',
    ]);
  });

  it('raises a usage error on an unterminated quote', () => {
    expect(() => splitShellWords('add "oops')).toThrow(UsageError);
  });
});

describe('formatOutput', () => {
  const rows = [
    { id: 1, when: new Date('2026-01-02T03:04:05.000Z'), tags: ['a', 'b'] },
    { id: 2, extra: 'only here' },
  ];

  it('prints strings unchanged in every mode and nothing for undefined', () => {
    for (const mode of ['json', 'csv', 'plain', 'table'] as const) {
      expect(formatOutput('Added: x', mode)).toBe('Added: x');
      expect(formatOutput(undefined, mode)).toBeUndefined();
    }
  });

  it('writes csv with the union of keys as header and JSON for nested values', () => {
    expect(formatOutput(rows, 'csv')).toBe(
      'id,when,tags,extra\n1,2026-01-02T03:04:05.000Z,"[""a"",""b""]",\n2,,,only here',
    );
  });

  it('writes json with two-space indentation', () => {
    expect(formatOutput({ a: 1 }, 'json')).toBe('{\n  "a": 1\n}');
    expect(formatOutput([], 'json')).toBe('[]');
  });

  it('writes a key/value table for a single object and plain key: value lines', () => {
    expect(formatOutput({ env: 'prod', page: true }, 'table')).toMatch(/│ env +│ prod +│/);
    expect(formatOutput({ env: 'prod', page: true }, 'plain')).toBe('env:  prod\npage: true');
  });

  it('writes bigint values as strings instead of failing', () => {
    expect(formatOutput({ big: BigInt('9007199254740993') }, 'json')).toBe(
      '{\n  "big": "9007199254740993"\n}',
    );
    expect(formatOutput([{ big: BigInt(5) }], 'csv')).toBe('big\n5');
  });

  it('prints primitive arrays one per line in plain mode', () => {
    expect(formatOutput(['a', 2, null], 'plain')).toBe('a\n2\n');
  });
});
