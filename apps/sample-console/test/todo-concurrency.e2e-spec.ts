/**
 * Several console processes starting at once against one fresh database: the first use
 * creates the table lazily in each of them, so this races table creation and inserts.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { assertConsoleBuilt, lines, makeTempDir, runConsole } from './support/run-console';

jest.setTimeout(90_000);

const PROCESSES = 6;

describeEachDialect('sample console todo app under concurrent processes', (target) => {
  const workdir = makeTempDir();
  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('gives every process that adds at once on a fresh database its own id', async () => {
    const titles = Array.from({ length: PROCESSES }, (_, i) => `Parallel ${i + 1}`);
    const results = await Promise.all(
      titles.map((title) =>
        runConsole(['add', title], { cwd: workdir.dir, databaseUrl: target().url }),
      ),
    );
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });

    const ids = results.map((result, i) => {
      const match = /^Added: (.+) \(ID: (\d+)\)\n$/.exec(result.stdout);
      expect(match?.[1]).toBe(titles[i]);
      return Number(match?.[2]);
    });
    expect([...ids].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);

    const listed = await runConsole(['list'], { cwd: workdir.dir, databaseUrl: target().url });
    expect(lines(listed.stdout)).toEqual(
      [...ids]
        .map((id, i) => ({ id, title: titles[i] }))
        .sort((a, b) => a.id - b.id)
        .map(({ id, title }) => `${id}: ${title} [pending]`),
    );
  });
});
