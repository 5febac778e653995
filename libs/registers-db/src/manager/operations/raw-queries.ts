import { InvalidQueryError } from '../../errors';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { compileRawSql, RawSqlRefusal } from '../raw-sql';
import type { ModelContext } from './model-context';

/** SQL written by the caller with `:named` parameters (always bound, never spliced). */
export class RawQueries<T extends object> {
  constructor(private readonly ctx: ModelContext<T>) {}

  private rawStatement(operation: string, sql: string, params?: Record<string, unknown>) {
    const { ctx } = this;
    try {
      const compiled = compileRawSql(ctx.dialect, sql, params ?? {});
      if (ctx.dialect.name === 'sqlite') {
        compiled.values = compiled.values.map((v) => (v instanceof Date ? v.toISOString() : v));
      }
      return compiled;
    } catch (error) {
      if (!(error instanceof RawSqlRefusal)) throw error;
      throw new InvalidQueryError(`${ctx.meta.name}.${operation}: ${error.reason}`, {
        ...ctx.context(operation),
        ...(error.parameter ? { field: error.parameter } : {}),
      });
    }
  }

  /** Runs a SELECT with `:named` parameters and hydrates the rows as records of this model. */
  async raw(sql: string, params?: Record<string, unknown>): Promise<ManagedRecord<T>[]> {
    const { ctx } = this;
    const { sql: text, values } = this.rawStatement('raw', sql, params);
    const rows = await ctx.query('raw', text, values);
    return ctx.reveal(
      rows.map((row) => ctx.hydrate(row) as ManagedRecord<T>),
      'raw',
    );
  }

  /** Runs a SELECT with `:named` parameters and returns the driver's rows as plain objects. */
  async rawDicts(
    sql: string,
    params?: Record<string, unknown>,
  ): Promise<Record<string, unknown>[]> {
    const { ctx } = this;
    const { sql: text, values } = this.rawStatement('rawDicts', sql, params);
    return ctx.query('rawDicts', text, values);
  }

  /** Runs a write statement with `:named` parameters; returns the number of rows it changed. */
  async executeRaw(sql: string, params?: Record<string, unknown>): Promise<number> {
    const { ctx } = this;
    const { sql: text, values } = this.rawStatement('executeRaw', sql, params);
    return (await ctx.execute('executeRaw', text, values)).affected;
  }
}
