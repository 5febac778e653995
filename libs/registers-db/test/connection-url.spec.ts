import 'reflect-metadata';
import { IsString } from 'class-validator';
import { ConfigurationError } from '../src/errors';
import { configurationMessages } from '../src/errors/messages';
import { DatabaseConnection, parseDatabaseUrl, redactDatabaseUrl } from '../src/connection';
import { Field, Model } from '../src/decorators';
import { DatabaseRegistry } from '../src/registry';

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

@Model({ table: 'lazy_url_notes' })
class Note {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() text!: string;
}

describe('an unusable database URL', () => {
  const url = 'foo://admin:hunter2@db/app';

  it('builds the connection, then rejects every use with the ConfigurationError, password masked', async () => {
    const connection = new DatabaseConnection({ url });
    expect(connection.url).toBe('foo://admin:***@db/app');
    expect(connection.isOpen).toBe(false);
    const uses = [
      connection.open(),
      connection.query('SELECT 1'),
      connection.queryOne('SELECT 1'),
      connection.execute('SELECT 1'),
      connection.transaction(async () => 1),
      connection.dataSource(),
      connection.driverHandle(),
    ];
    for (const use of uses) {
      const error = await use.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toBe(
        configurationMessages.unsupportedUrl('foo://admin:***@db/app'),
      );
      expect(JSON.stringify(error)).not.toContain('hunter2');
    }
    expect(connection.isOpen).toBe(false);
    await connection.close();
  });

  it('lets a registry register models and hand out managers; their first statement fails', async () => {
    const registry = new DatabaseRegistry({ url: '' }).register(Note);
    const notes = registry.manager(Note);
    await expect(notes.count()).rejects.toBeInstanceOf(ConfigurationError);
    await expect(notes.create({ text: 'x' })).rejects.toThrow(configurationMessages.urlRequired());
    await expect(registry.sync.createAll()).rejects.toBeInstanceOf(ConfigurationError);
    const health = await registry.health();
    expect(health).toMatchObject({ ok: false, error: configurationMessages.urlRequired() });
    await registry.dispose();
  });

  it('still parses usable URLs at construction', () => {
    expect(new DatabaseConnection({ url: 'postgres://u@h/db' }).dialect).toBe('postgres');
    expect(new DatabaseConnection({ url: 'postgres://u@h/db' }).urlError).toBeUndefined();
  });
});
