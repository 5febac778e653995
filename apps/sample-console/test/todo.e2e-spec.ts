/**
 * The todo app of the sample console (SPEC 5.2 / 5.3), driven through the built console
 * against each dialect. The tests of one dialect form a story over one fresh database, so
 * they run in order and each builds on the items the previous ones left.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import {
  assertConsoleBuilt,
  ConsoleResult,
  lines,
  makeTempDir,
  runConsole,
} from './support/run-console';

jest.setTimeout(60_000);

const RECORD_KEYS = ['id', 'title', 'description', 'status', 'createdAt', 'updatedAt'];

interface TodoJson {
  id: number;
  title: string;
  description: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

describeEachDialect('sample console todo app', (target) => {
  const workdir = makeTempDir();
  const run = (...args: string[]): Promise<ConsoleResult> =>
    runConsole(args, { cwd: workdir.dir, databaseUrl: target().url });
  const listJson = async (...extra: string[]): Promise<TodoJson[]> => {
    const result = await run('list', ...extra, '--output', 'json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as TodoJson[];
  };

  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('lists nothing on a fresh database and says so', async () => {
    const result = await run('list');
    expect(result).toEqual({ code: 0, stdout: 'No todo items found.\n', stderr: '' });
  });

  it('prints an empty JSON array for an empty list in json mode', async () => {
    expect(await listJson()).toEqual([]);
  });

  it('adds an item with a title and a description', async () => {
    const result = await run('add', 'Buy milk', 'Two litres');
    expect(result).toEqual({ code: 0, stdout: 'Added: Buy milk (ID: 1)\n', stderr: '' });
  });

  it('adds through the --add and -a aliases and the --title/--description flags', async () => {
    expect(await run('--add', 'Walk the dog')).toMatchObject({
      code: 0,
      stdout: 'Added: Walk the dog (ID: 2)\n',
    });
    expect(
      await run('-a', '--title', 'Read a book', '--description', 'The long one'),
    ).toMatchObject({
      code: 0,
      stdout: 'Added: Read a book (ID: 3)\n',
    });
    expect(await run('add', '--title', 'Call mum')).toMatchObject({
      code: 0,
      stdout: 'Added: Call mum (ID: 4)\n',
    });
  });

  it('keeps quotes and spaces of a title as one argument', async () => {
    const result = await run('add', 'Fix "the" bug, then ship');
    expect(result).toMatchObject({ code: 0, stdout: 'Added: Fix "the" bug, then ship (ID: 5)\n' });
  });

  it('refuses an empty or over-long title with exit 1 and writes nothing', async () => {
    for (const title of ['', 'x'.repeat(201)]) {
      const result = await run('add', title);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Error: .*title/im);
    }
    expect((await listJson()).map((item) => item.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lists every item as "<id>: <title> [<status>]" in id order', async () => {
    const result = await run('list');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      '1: Buy milk [pending]',
      '2: Walk the dog [pending]',
      '3: Read a book [pending]',
      '4: Call mum [pending]',
      '5: Fix "the" bug, then ship [pending]',
    ]);
  });

  it('lists the same through the --list and -l aliases', async () => {
    const plain = await run('list');
    expect(await run('--list')).toEqual(plain);
    expect(await run('-l')).toEqual(plain);
    expect(await run('-l', 'pending', '--output', 'json')).toEqual(
      await run('list', 'pending', '--output', 'json'),
    );
  });

  it('lists records in json with exactly the documented keys in order', async () => {
    const items = await listJson();
    expect(items).toHaveLength(5);
    for (const item of items) expect(Object.keys(item)).toEqual(RECORD_KEYS);
    expect(items[0]).toMatchObject({
      id: 1,
      title: 'Buy milk',
      description: 'Two litres',
      status: 'pending',
    });
    expect(items[1]).toMatchObject({
      id: 2,
      title: 'Walk the dog',
      description: '',
      status: 'pending',
    });
    expect(items[2]).toMatchObject({ id: 3, title: 'Read a book', description: 'The long one' });
    for (const item of items) {
      expect(new Date(item.createdAt).toISOString()).toBe(item.createdAt);
      expect(new Date(item.updatedAt).toISOString()).toBe(item.updatedAt);
    }
  });

  it('lists records in csv with a header row of the documented keys', async () => {
    const result = await run('list', '--output', 'csv');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = lines(result.stdout);
    expect(rows[0]).toBe(RECORD_KEYS.join(','));
    expect(rows).toHaveLength(6);
    expect(rows[1]).toMatch(
      /^1,Buy milk,Two litres,pending,\d{4}-\d\d-\d\dT[\d:.]+Z,\d{4}-\d\d-\d\dT[\d:.]+Z$/,
    );
    expect(rows[5]).toMatch(/^5,"Fix ""the"" bug, then ship",,pending,/);
  });

  it('renders the records as a table with --output table', async () => {
    const result = await run('list', '--output', 'table', '--no-color');
    expect(result.code).toBe(0);
    const header = lines(result.stdout).find((line) => line.includes('title'));
    expect(header).toBeDefined();
    const columns = RECORD_KEYS.map((key) => header!.indexOf(key));
    expect(columns.every((at) => at >= 0)).toBe(true);
    expect([...columns].sort((a, b) => a - b)).toEqual(columns);
    expect(result.stdout).toContain('Walk the dog');
  });

  it('accepts --output before the command words as well as after', async () => {
    const before = await run('--output', 'json', 'list');
    const after = await run('list', '--output', 'json');
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });

  it('completes items through complete, --complete and -c', async () => {
    const before = (await listJson()).find((item) => item.id === 1)!;
    expect(await run('complete', '1')).toEqual({
      code: 0,
      stdout: 'Completed todo ID 1.\n',
      stderr: '',
    });
    expect(await run('--complete', '2')).toMatchObject({
      code: 0,
      stdout: 'Completed todo ID 2.\n',
    });
    expect(await run('-c', '3')).toMatchObject({ code: 0, stdout: 'Completed todo ID 3.\n' });
    const after = (await listJson()).find((item) => item.id === 1)!;
    expect(after.status).toBe('completed');
    expect(after.createdAt).toBe(before.createdAt);
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
  });

  it('filters the list by status', async () => {
    expect(lines((await run('list', 'completed')).stdout)).toEqual([
      '1: Buy milk [completed]',
      '2: Walk the dog [completed]',
      '3: Read a book [completed]',
    ]);
    expect(lines((await run('list', 'pending')).stdout)).toEqual([
      '4: Call mum [pending]',
      '5: Fix "the" bug, then ship [pending]',
    ]);
    expect((await listJson('all')).map((item) => item.id)).toEqual([1, 2, 3, 4, 5]);
    expect((await listJson('--status', 'pending')).map((item) => item.id)).toEqual([4, 5]);
  });

  it('refuses a status outside pending|completed|all as a usage error', async () => {
    const result = await run('list', 'done');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/done/);
    expect(result.stderr).toMatch(/pending/);
  });

  it('fails with exit 1 and "Error: …not found…" when completing an unknown id', async () => {
    const result = await run('complete', '999');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: .*not found/im);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints a JSON error object on stderr with --output json', async () => {
    const result = await run('complete', '999', '--output', 'json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const body = JSON.parse(result.stderr) as {
      error: { type: string; message: string; context: unknown };
    };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.type).toEqual(expect.any(String));
    expect(body.error.message).toMatch(/not found/i);
    expect(body.error).toHaveProperty('context');
  });

  it('refuses a non-numeric id as a usage error with exit 2', async () => {
    const result = await run('complete', 'abc');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/abc|number|id/i);
  });

  it('updates the title positionally and keeps the description', async () => {
    expect(await run('update', '4', 'Call mum and dad')).toEqual({
      code: 0,
      stdout: 'Updated todo ID 4.\n',
      stderr: '',
    });
    const item = (await listJson()).find((row) => row.id === 4)!;
    expect(item).toMatchObject({ title: 'Call mum and dad', description: '', status: 'pending' });
  });

  it('updates through --update and -u with --title and --description flags', async () => {
    expect(await run('--update', '4', '--description', 'Sunday')).toMatchObject({
      code: 0,
      stdout: 'Updated todo ID 4.\n',
    });
    expect(await run('-u', '5', '--title', 'Ship it', '--description', 'Friday')).toMatchObject({
      code: 0,
      stdout: 'Updated todo ID 5.\n',
    });
    const items = await listJson();
    expect(items.find((row) => row.id === 4)).toMatchObject({
      title: 'Call mum and dad',
      description: 'Sunday',
    });
    expect(items.find((row) => row.id === 5)).toMatchObject({
      title: 'Ship it',
      description: 'Friday',
    });
  });

  it('fails with exit 1 when updating an unknown id', async () => {
    const result = await run('update', '999', 'Nothing');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: .*not found/im);
  });

  it('refuses to remove without --force when stdin is not a TTY and keeps the item', async () => {
    const result = await run('remove', '1');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--force/);
    expect((await listJson()).map((item) => item.id)).toContain(1);
  });

  it('prints the refusal as a JSON error naming --force with --output json', async () => {
    const result = await run('remove', '1', '--output', 'json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const body = JSON.parse(result.stderr) as { error: { type: string; message: string } };
    expect(body.error.message).toContain('--force');
  });

  it('removes with --force after the command, --yes, or --force before the command words', async () => {
    expect(await run('remove', '1', '--force')).toMatchObject({ code: 0, stderr: '' });
    expect(await run('remove', '2', '--yes')).toMatchObject({ code: 0, stderr: '' });
    expect(await run('--force', 'remove', '3')).toMatchObject({ code: 0, stderr: '' });
    expect((await listJson()).map((item) => item.id)).toEqual([4, 5]);
  });

  it('fails with exit 1 when removing an unknown id even with --force', async () => {
    const result = await run('remove', '1', '--force');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: .*not found/im);
  });

  it('stores and prints non-ASCII titles unchanged', async () => {
    const title = 'Café ☕ — naïve 数据 🚀';
    const added = await run('add', title, 'ünïcödé');
    expect(added.code).toBe(0);
    const id = Number(/\(ID: (\d+)\)/.exec(added.stdout)?.[1]);
    expect(added.stdout).toBe(`Added: ${title} (ID: ${id})\n`);
    expect((await listJson()).find((item) => item.id === id)).toMatchObject({
      title,
      description: 'ünïcödé',
    });
    expect(lines((await run('list', 'pending')).stdout)).toContain(`${id}: ${title} [pending]`);
  });

  it('prints a stack trace for a failing command only with --debug', async () => {
    const plain = await run('complete', '999');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await run('complete', '999', '--debug');
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^Error: .*not found/im);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
