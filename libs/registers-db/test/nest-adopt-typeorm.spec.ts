import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { CronService } from '@registers/cron';
import { DatabaseRegistry, getRegistryToken } from '@registers/db';
import { describeEachDialect, type DialectTarget } from '../../../test/support/dialects';
import { CheckoutService, shopModule } from './fixtures/typeorm-app/typeorm-app';
import { startCliConsole } from './support/console';

function typeormOptions(target: DialectTarget): DataSourceOptions {
  if (target.dialect === 'sqlite')
    return { type: 'better-sqlite3', database: target.url.slice('sqlite:'.length) };
  if (target.dialect === 'postgres') return { type: 'postgres', url: target.url };
  return { type: 'mariadb', url: target.url, connectorPackage: 'mysql2' };
}

describeEachDialect('a TypeORM Nest application adopting registers', (target) => {
  it('shares the DataSource and its transactions, and shutdown closes it once', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [shopModule(typeormOptions(target()))],
    }).compile();
    const app = moduleRef.createNestApplication();
    app.enableShutdownHooks();
    await app.init();
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const registry = app.get<DatabaseRegistry>(getRegistryToken());
    const checkout = app.get(CheckoutService);
    try {
      expect(registry.connection.adopted).toBe(true);
      expect(await registry.connection.dataSource()).toBe(dataSource);

      await checkout.checkout('book');
      await expect(checkout.checkout('lamp', true)).rejects.toThrow('card declined');
      expect((await checkout.orders.find()).map((o) => o.label)).toEqual(['book']);
      expect((await checkout.notes.all()).map((n) => n.text)).toEqual(['checked out book']);

      // A @Job reading the entity and writing the model, its run recorded by cron.
      const run = await app.get(CronService).run('reconcile');
      expect(run.run).toMatchObject({ job: 'reconcile', status: 'succeeded', result: 1 });
      expect((await checkout.notes.all()).map((n) => n.text)).toContain('reconciled 1 orders');

      // Disposing the registry leaves the DataSource for TypeORM, which closes it at shutdown.
      await registry.dispose();
      expect(dataSource.isInitialized).toBe(true);
    } finally {
      await app.close();
    }
    expect(dataSource.isInitialized).toBe(false);
  });
});

describeEachDialect('a TypeORM Nest console adopting registers', (target) => {
  it('runs a @CliCommand that reads the entity and the model', async () => {
    const cli = await startCliConsole([shopModule(typeormOptions(target()))]);
    try {
      const checkout = cli.app.get(CheckoutService);
      await checkout.checkout('pen');
      await checkout.checkout('ink');
      const result = await cli.run('shop', 'report', '--output', 'json');
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ orders: 2, notes: 2 });
    } finally {
      await cli.close();
    }
  });
});
