import { InvalidQueryError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { ModelOperation } from '../context/model-operation';
import { compileRawSql, RawSqlRefusal } from '../raw-sql';

/** SQL written by the caller with `:named` parameters (always bound, never spliced). */
export class RawQueries<T extends object> extends ModelOperation<T> {
  private rawStatement(operation: string, sql: string, params?: Record<string, unknown>) {
    const { model } = this;
    try {
      const compiled = compileRawSql(model.dialect, sql, params ?? {});
      const { rawParameter } = model.dialect;
      if (rawParameter) compiled.values = compiled.values.map(rawParameter);
      return compiled;
    } catch (error) {
      if (!(error instanceof RawSqlRefusal)) throw error;
      throw new InvalidQueryError(
        queryMessages.operationProblem(model.meta.name, operation, error.reason),
        {
          ...model.context(operation),
          ...(error.parameter ? { field: error.parameter } : {}),
        },
      );
    }
  }

  /** Runs a SELECT with `:named` parameters and hydrates the rows as records of this model. */
  async raw(sql: string, params?: Record<string, unknown>): Promise<ManagedRecord<T>[]> {
    const { model, run } = this;
    const { sql: text, values } = this.rawStatement('raw', sql, params);
    const rows = await run.query('raw', text, values);
    return model.reveal(
      rows.map((row) => model.hydrate(row) as ManagedRecord<T>),
      'raw',
    );
  }

  /** Runs a SELECT with `:named` parameters and returns the driver's rows as plain objects. */
  async rawDicts(
    sql: string,
    params?: Record<string, unknown>,
  ): Promise<Record<string, unknown>[]> {
    const { run } = this;
    const { sql: text, values } = this.rawStatement('rawDicts', sql, params);
    return run.query('rawDicts', text, values);
  }

  /** Runs a write statement with `:named` parameters; returns the number of rows it changed. */
  async executeRaw(sql: string, params?: Record<string, unknown>): Promise<number> {
    const { run } = this;
    const { sql: text, values } = this.rawStatement('executeRaw', sql, params);
    return (await run.execute('executeRaw', text, values)).affected;
  }
}
