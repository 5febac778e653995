import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsString } from 'class-validator';
import { DataSource, EntitySchema, type DataSourceOptions } from 'typeorm';
import { DatabaseRegistry, Field, Model } from '@registers/db';
import { describeEachDialect, type DialectTarget } from '../../../test/support/dialects';

const Invoice = new EntitySchema<{ id: number; total: number }>({
  name: 'Invoice',
  tableName: 'app_invoices',
  columns: { id: { type: Number, primary: true, generated: true }, total: { type: Number } },
});

@Model({ table: 'reg_ledger_lines', autoCreate: false })
class LedgerLine {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() memo!: string;
}

function appOptions(target: DialectTarget, migrations: string): DataSourceOptions {
  const common = {
    entities: [Invoice],
    synchronize: true,
    migrations: [join(migrations, '*.js')],
    migrationsTableName: 'app_migrations',
  };
  if (target.dialect === 'sqlite')
    return { type: 'better-sqlite3', database: target.url.slice('sqlite:'.length), ...common };
  if (target.dialect === 'postgres') return { type: 'postgres', url: target.url, ...common };
  return { type: 'mariadb', url: target.url, connectorPackage: 'mysql2', ...common };
}

describeEachDialect('migrations on an adopted DataSource', (target) => {
  let dir: string;
  let app: DataSource;
  let registry: DatabaseRegistry;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registers-adopt-migrations-'));
    app = await new DataSource(appOptions(target(), dir)).initialize();
    registry = new DatabaseRegistry({ dataSource: app, autoCreate: false }).register(LedgerLine);
  });
  afterAll(async () => {
    await registry.dispose();
    await app.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const executed = async () =>
    (await app.query('SELECT name FROM app_migrations')).map((r: { name: string }) => r.name);

  it('generates the registers tables into the application history and runs them there', async () => {
    const { up } = await registry.migrations.changes();
    expect(up.some((q) => /CREATE TABLE.*reg_ledger_lines/.test(q.query))).toBe(true);
    // The application's entity is in sync, so nothing of it is proposed (nor dropped).
    expect(up.some((q) => /app_invoices/.test(q.query))).toBe(false);

    const generated = await registry.migrations.generate('ledger', {
      directory: dir,
      extension: 'js',
      timestamp: 1700000000000,
    });
    expect(generated).not.toBeNull();
    expect(readdirSync(dir)).toHaveLength(1);
    await registry.migrations.reload();
    const ran = await registry.migrations.run();
    expect(ran).toHaveLength(1);
    expect(await executed()).toEqual(ran);
    expect(app.isInitialized).toBe(true);

    await registry.manager(LedgerLine).create({ memo: 'opening balance' });
    expect(await registry.manager(LedgerLine).count()).toBe(1);
    expect((await registry.migrations.changes()).up).toEqual([]);

    expect(await registry.migrations.revert()).toBe(ran[0]);
    expect(await executed()).toEqual([]);
    expect(await registry.manager(LedgerLine).schemaExists()).toBe(false);
  });
});
