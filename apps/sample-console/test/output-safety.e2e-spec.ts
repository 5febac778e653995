/**
 * Data that would act on a terminal or a spreadsheet, through the real console: control
 * characters show as `\uXXXX` in plain and table output, CSV cells that start like a formula
 * get a leading `'` unless `--raw-csv`.
 */
import { assertConsoleBuilt, ConsoleResult, makeTempDir, runConsole } from './support/run-console';

jest.setTimeout(60_000);

/** Neither ESC nor BEL reaches the terminal as a raw byte. */
function expectNoRawControls(text: string): void {
  expect(text).not.toContain('\u001b');
  expect(text).not.toContain('\u0007');
}

describe('sample console output of hostile titles', () => {
  const workdir = makeTempDir('sample-console-output-');
  const run = (...args: string[]): Promise<ConsoleResult> => runConsole(args, { cwd: workdir.dir });

  beforeAll(async () => {
    assertConsoleBuilt();
    for (const title of ['Clear \u001b[2J now\u0007', '=HYPERLINK("http://x")', '-5']) {
      expect(await run('add', title)).toMatchObject({ code: 0, stderr: '' });
    }
  });
  afterAll(() => workdir.remove());

  it('prints control characters escaped in plain, table and returned text', async () => {
    const plain = await run('list');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('1: Clear \\u001b[2J now\\u0007 [pending]');
    const table = await run('list', '--output', 'table');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Clear \\u001b[2J now\\u0007');
    const added = await run('add', 'Ring\u0007');
    expect(added.stdout).toMatch(/^Added: Ring\\u0007 \(ID: \d+\)\n$/);
    for (const out of [plain.stdout, table.stdout, added.stdout]) expectNoRawControls(out);
    const id = /ID: (\d+)/.exec(added.stdout)![1];
    expect(await run('remove', id, '--force')).toMatchObject({ code: 0, stderr: '' });
  });

  it('guards formula cells in csv and leaves them raw with --raw-csv', async () => {
    const guarded = await run('list', '--output', 'csv');
    expect(guarded.code).toBe(0);
    expect(guarded.stdout).toContain(`,"'=HYPERLINK(""http://x"")",`);
    // The title is a string, but one plain number: nothing to run, it stays as is.
    expect(guarded.stdout).toMatch(/^3,-5,/m);
    const raw = await run('list', '--output', 'csv', '--raw-csv');
    expect(raw.code).toBe(0);
    expect(raw.stdout).toContain(`,"=HYPERLINK(""http://x"")",`);
    expect(raw.stdout).not.toContain(`'=`);
  });
});
