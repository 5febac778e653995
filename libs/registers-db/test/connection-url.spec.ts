import { ConfigurationError } from '../src/errors';
import { parseDatabaseUrl, redactDatabaseUrl } from '../src/connection';

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:data/app.db', 'sqlite', 'data/app.db'],
    ['sqlite:///tmp/app.db', 'sqlite', '/tmp/app.db'],
    ['sqlite::memory:', 'sqlite', ':memory:'],
  ])('reads %s as a SQLite file', (url, dialect, file) => {
    expect(parseDatabaseUrl(url)).toMatchObject({ dialect, file });
  });

  it('reads postgres and postgresql URLs as PostgreSQL', () => {
    expect(parseDatabaseUrl('postgres://u@h/db').dialect).toBe('postgres');
    expect(parseDatabaseUrl('postgresql://u@h/db').dialect).toBe('postgres');
  });

  it('reads mariadb URLs as the mysql dialect with a mysql scheme', () => {
    expect(parseDatabaseUrl('mariadb://root@h/db')).toMatchObject({
      dialect: 'mysql',
      url: 'mysql://root@h/db',
    });
  });

  it('refuses an unknown scheme without echoing the password', () => {
    let error: any;
    try {
      parseDatabaseUrl('oracle://scott:tiger@h/db');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).not.toContain('tiger');
    expect(JSON.stringify(error)).not.toContain('tiger');
  });

  it('masks passwords in redacted URLs', () => {
    expect(redactDatabaseUrl('postgres://app:s3cret@db:5432/x')).toBe(
      'postgres://app:***@db:5432/x',
    );
  });
});

describe('parseDatabaseUrl flavors', () => {
  it('marks mariadb URLs so TypeORM reads the MariaDB catalog', () => {
    expect(parseDatabaseUrl('mariadb://root@h/db').flavor).toBe('mariadb');
    expect(parseDatabaseUrl('mysql://root@h/db').flavor).toBeUndefined();
  });
});
