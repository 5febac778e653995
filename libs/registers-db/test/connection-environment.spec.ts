import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigurationError,
  DatabaseConnection,
  databaseUrlFromEnvironment,
  readSetting,
} from '@registers/db';

const SECRET = 's3cr@t:/pw';

describe('database URL from the environment', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'registers-env-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const secretFile = (name: string, contents: string) => {
    const file = join(dir, name);
    writeFileSync(file, contents);
    return file;
  };

  it('is the fallback without any variable, and the URL as given without overrides', () => {
    expect(databaseUrlFromEnvironment({}, 'sqlite::memory:')).toBe('sqlite::memory:');
    expect(databaseUrlFromEnvironment({ REGISTERS_DATABASE_URL: 'postgres://a@h/db' })).toBe(
      'postgres://a@h/db',
    );
  });

  it('replaces user, password, host, port and database name, encoding what needs it', () => {
    const url = databaseUrlFromEnvironment({
      REGISTERS_DATABASE_URL: 'postgres://app:old@db.internal:5432/app',
      REGISTERS_DATABASE_USER: 'svc',
      REGISTERS_DATABASE_PASSWORD: SECRET,
      REGISTERS_DATABASE_HOST: 'replica.internal',
      REGISTERS_DATABASE_PORT: '6432',
      REGISTERS_DATABASE_NAME: 'orders',
    });
    const parsed = new URL(url);
    expect(parsed.hostname).toBe('replica.internal');
    expect(parsed.port).toBe('6432');
    expect(parsed.pathname).toBe('/orders');
    expect(decodeURIComponent(parsed.username)).toBe('svc');
    expect(decodeURIComponent(parsed.password)).toBe(SECRET);
  });

  it('reads each setting from its _FILE, trimming one trailing newline', () => {
    const env = {
      REGISTERS_DATABASE_URL_FILE: secretFile('url', 'mysql://root@127.0.0.1:3306/test\n'),
      REGISTERS_DATABASE_PASSWORD_FILE: secretFile('password', `${SECRET}\r\n`),
    };
    expect(readSetting('REGISTERS_DATABASE_PASSWORD', env)).toBe(SECRET);
    const url = new URL(databaseUrlFromEnvironment(env));
    expect(decodeURIComponent(url.password)).toBe(SECRET);
    expect(url.pathname).toBe('/test');
  });

  it('refuses a setting given both directly and as a file', () => {
    const env = {
      REGISTERS_DATABASE_PASSWORD: SECRET,
      REGISTERS_DATABASE_PASSWORD_FILE: secretFile('both', SECRET),
    };
    expect(() => readSetting('REGISTERS_DATABASE_PASSWORD', env)).toThrow(
      /Both REGISTERS_DATABASE_PASSWORD and REGISTERS_DATABASE_PASSWORD_FILE are set/,
    );
  });

  it('names an unreadable secret file without its contents', () => {
    const missing = join(dir, 'missing');
    expect(() =>
      readSetting('REGISTERS_DATABASE_PASSWORD', { REGISTERS_DATABASE_PASSWORD_FILE: missing }),
    ).toThrow(`Cannot read REGISTERS_DATABASE_PASSWORD_FILE '${missing}' (ENOENT)`);
  });

  it.each([
    [
      'an override without a URL',
      { REGISTERS_DATABASE_HOST: 'db' },
      /REGISTERS_DATABASE_URL is not/,
    ],
    [
      'a password for SQLite',
      { REGISTERS_DATABASE_URL: 'sqlite:data/app.db', REGISTERS_DATABASE_PASSWORD: SECRET },
      /cannot change the SQLite URL/,
    ],
    [
      'a port that is not a number',
      { REGISTERS_DATABASE_URL: 'postgres://h/db', REGISTERS_DATABASE_PORT: '54x' },
      /REGISTERS_DATABASE_PORT: a port is a whole number/,
    ],
  ])('refuses %s with a ConfigurationError that never shows a value', (_case, env, message) => {
    let thrown: unknown;
    try {
      databaseUrlFromEnvironment(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toMatch(message);
    expect(
      JSON.stringify({ m: (thrown as Error).message, c: (thrown as any).context }),
    ).not.toContain(SECRET);
  });

  it('lets REGISTERS_DATABASE_NAME choose the SQLite file', () => {
    expect(
      databaseUrlFromEnvironment({
        REGISTERS_DATABASE_URL: 'sqlite:data/app.db',
        REGISTERS_DATABASE_NAME: '/var/lib/app.db',
      }),
    ).toBe('sqlite:/var/lib/app.db');
  });

  describe('a connection without a url option', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of Object.keys(process.env))
        if (key.startsWith('REGISTERS_DATABASE_')) delete process.env[key];
      Object.assign(process.env, saved);
    });

    it('uses the composed URL and shows it with the password masked', () => {
      process.env.REGISTERS_DATABASE_URL = 'postgres://app@127.0.0.1:5432/test';
      process.env.REGISTERS_DATABASE_PASSWORD = SECRET;
      const connection = new DatabaseConnection();
      expect(connection.dialect).toBe('postgres');
      expect(connection.url).toBe('postgres://app:***@127.0.0.1:5432/test');
    });

    it('reports a bad override when it opens, not when it is made', async () => {
      process.env.REGISTERS_DATABASE_URL = 'postgres://app@127.0.0.1:5432/test';
      process.env.REGISTERS_DATABASE_PORT = 'seventy';
      const connection = new DatabaseConnection();
      expect(connection.urlError).toBeInstanceOf(ConfigurationError);
      await expect(connection.open()).rejects.toThrow(/REGISTERS_DATABASE_PORT/);
    });
  });
});
