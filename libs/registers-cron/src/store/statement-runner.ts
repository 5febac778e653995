import type { Type } from '@nestjs/common';
import type { DatabaseConnection, DatabaseRegistry } from '@registers/db';
import type { CronSqlDialect } from './dialects/cron-sql-dialect.interface';
import { DUE_INDEX } from './dialects/shared-statements';
import { retryTransient } from './retry-transient';
import { CRON_TABLE_MODELS } from './tables/cron-tables';

/**
 * What every part of the store runs its statements through: the connection, its dialect,
 * and the tables created on first use. A statement runs once the tables exist and again
 * after a transient failure (see retryTransient).
 */
export class StatementRunner {
  private ready?: Promise<void>;

  constructor(
    private readonly registry: DatabaseRegistry,
    readonly connection: DatabaseConnection,
    readonly dialect: CronSqlDialect,
  ) {}

  /** Opens the database and creates the cron tables when missing (safe when several processes race). */
  ensureReady(): Promise<void> {
    this.ready ??= (async () => {
      await this.connection.open();
      for (const model of CRON_TABLE_MODELS)
        await this.registry.schema(model as Type<object>).createSchema();
      // Two processes creating it at once can collide on PostgreSQL's catalog; the second
      // try waits for the first and then finds the index there.
      await this.connection.execute(DUE_INDEX).catch(() => this.connection.execute(DUE_INDEX));
    })().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** Runs a statement (or the dialect's claim) once the tables exist, again after a transient failure. */
  async retrying<T>(work: () => Promise<T>): Promise<T> {
    await this.ensureReady();
    return retryTransient((error) => this.dialect.isTransient(error), work);
  }

  query(text: string, params: unknown[] = []) {
    return this.retrying(() => this.connection.query(this.dialect.sql(text), params));
  }

  one(text: string, params: unknown[] = []) {
    return this.retrying(() => this.connection.queryOne(this.dialect.sql(text), params));
  }

  /** Runs a write; resolves to the number of rows it changed. */
  async execute(text: string, params: unknown[] = []): Promise<number> {
    return (await this.retrying(() => this.connection.execute(this.dialect.sql(text), params)))
      .affected;
  }
}
