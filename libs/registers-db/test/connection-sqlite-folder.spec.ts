import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseConnection } from '../src/connection';
import { ConfigurationError } from '../src/errors';

describe('the SQLite file folder', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'registers-folder-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function openError(url: string): Promise<unknown> {
    const conn = new DatabaseConnection({ url });
    try {
      await conn.open();
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  it('creates every missing level above the file, then works', async () => {
    const file = join(root, 'a', 'b', 'c', 'app.db');
    const conn = new DatabaseConnection({ url: `sqlite:${file}` });
    await conn.execute('CREATE TABLE t (n INTEGER)');
    await conn.execute('INSERT INTO t (n) VALUES (?)', [7]);
    expect(await conn.query('SELECT n FROM t')).toEqual([{ n: 7 }]);
    await conn.close();
    expect(existsSync(file)).toBe(true);
  });

  it('fails (instead of hanging), naming the folder, where a level cannot be made (a path under /proc)', async () => {
    const error: any = await openError('sqlite:/proc/registers-no-such/x/y.db');
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      "Cannot create the folder '/proc/registers-no-such' for the SQLite file '/proc/registers-no-such/x/y.db' (ENOENT): create it, or point the URL at a writable place.",
    );
    expect(error.context).toEqual({
      folder: '/proc/registers-no-such',
      file: '/proc/registers-no-such/x/y.db',
    });
  });

  it('fails the same way when a file stands where a folder should be', async () => {
    const blocker = join(root, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const error: any = await openError(`sqlite:${join(blocker, 'sub', 'app.db')}`);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.context.folder).toBe(join(blocker, 'sub'));
    expect(error.message).toContain('(ENOTDIR)');
  });
});
