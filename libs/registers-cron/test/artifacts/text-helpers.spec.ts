import {
  CRONTAB_BEGIN,
  CRONTAB_END,
  replaceCrontabBlock,
  scheduledShellCommand,
  shellQuote,
  splitCommandLine,
  unifiedLineDiff,
} from '@registers/cron/artifacts';

describe('replaceCrontabBlock', () => {
  const block = `${CRONTAB_BEGIN}\nNEW\n${CRONTAB_END}\n`;

  it('appends the block, adding the missing final newline of the user text', () => {
    expect(replaceCrontabBlock('', block)).toBe(block);
    expect(replaceCrontabBlock('a\n', block)).toBe(`a\n${block}`);
    expect(replaceCrontabBlock('a', block)).toBe(`a\n${block}`);
    expect(replaceCrontabBlock('a\n', null)).toBe('a\n');
  });

  it('replaces the block in place, keeping the text around it', () => {
    const current = `a\r\n${CRONTAB_BEGIN}\r\nOLD\n${CRONTAB_END}\r\nb\n\n`;
    expect(replaceCrontabBlock(current, block)).toBe(`a\r\n${block}b\n\n`);
    expect(replaceCrontabBlock(`${CRONTAB_BEGIN}\nOLD\n${CRONTAB_END}`, block)).toBe(block);
    expect(replaceCrontabBlock(`x\n${CRONTAB_BEGIN}\nOLD\n${CRONTAB_END}\ny\n`, null)).toBe(
      'x\ny\n',
    );
  });

  it('refuses two blocks or markers in the wrong order', () => {
    expect(() => replaceCrontabBlock(`${block}${block}`, block)).toThrow(/damaged/);
    expect(() => replaceCrontabBlock(`${CRONTAB_END}\n${CRONTAB_BEGIN}\n`, block)).toThrow(
      /damaged/,
    );
  });
});

describe('unifiedLineDiff', () => {
  it('is empty for equal texts and shows changes with context', () => {
    expect(unifiedLineDiff('a\nb\n', 'a\nb\n')).toBe('');
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    expect(unifiedLineDiff(before, after, { before: 'old', after: 'new' })).toBe(
      [
        '--- old',
        '+++ new',
        '@@ -2,7 +2,7 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
        '',
      ].join('\n'),
    );
  });

  it('writes separate hunks for distant changes and handles an empty side', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
    const after = before.replace('l1\n', 'L1\n').replace('l18\n', 'L18\n');
    const diff = unifiedLineDiff(before, after);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(unifiedLineDiff('', 'x\ny\n')).toBe('--- before\n+++ after\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  });
});

describe('command lines', () => {
  it('quotes for a POSIX shell only when needed', () => {
    expect(shellQuote('nightly-job_1.2')).toBe('nightly-job_1.2');
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$(rm -rf /)')).toBe("'$(rm -rf /)'");
    expect(scheduledShellCommand('node main.js ', 'a;b')).toBe(
      "node main.js cron run 'a;b' --scheduled",
    );
  });

  it('splits POSIX and Windows command lines', () => {
    expect(splitCommandLine(`node "/opt/my app/main.js" 'x y' a\\ b`)).toEqual([
      'node',
      '/opt/my app/main.js',
      'x y',
      'a b',
    ]);
    expect(
      splitCommandLine('"C:\\Program Files\\node.exe" C:\\app\\main.js "say \\"hi\\""', 'windows'),
    ).toEqual(['C:\\Program Files\\node.exe', 'C:\\app\\main.js', 'say "hi"']);
    expect(() => splitCommandLine("node 'open")).toThrow(/unterminated/);
  });
});
