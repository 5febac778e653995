import type { DatabaseConnection } from '@registers/db';
import type { CronSqlDialect, SucceededRun } from './dialects/cron-sql-dialect.interface';
import { TABLES } from './tables/cron-tables';
import { WriteBatcher } from './write-batcher';

export const FINISH_EVENT = `UPDATE ${TABLES.events} SET status = ?, finished_at = ?, error = ?, lease_owner = NULL, lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ? AND status = 'running'`;
export const END_RUN = `UPDATE ${TABLES.runs} SET status = ?, finished_at = ?, duration_ms = ?, result = ?, error = ? WHERE id = ? AND status = 'running'`;

type RunWrite = { start: unknown[] } | { complete: SucceededRun };

/**
 * The writes every attempt makes, batched: the start of an attempt (its run row) and the
 * end of a successful one (event and run row). Workers finishing one event and starting
 * the next in the same turn share one transaction, so a busy pool pays one commit per
 * round of its workers instead of two per event. The rarer outcomes (failures, retries,
 * skips, lost claims) are written one by one by the store.
 */
export class RunWrites {
  private readonly batcher = new WriteBatcher<RunWrite, number | boolean>((writes) =>
    this.flush(writes),
  );

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly dialect: CronSqlDialect,
    /** Runs `work` once the tables exist, again after a transient failure. */
    private readonly retrying: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  /** Inserts a run row (`INSERT_RUN` parameters); resolves to its id. */
  start(params: unknown[]): Promise<number> {
    return this.batcher.add({ start: params }) as Promise<number>;
  }

  /** Ends a successful attempt; false when its claim was lost (nothing applied). */
  complete(item: SucceededRun): Promise<boolean> {
    return this.batcher.add({ complete: item }) as Promise<boolean>;
  }

  private async flush(writes: RunWrite[]): Promise<Array<number | boolean>> {
    const starts: unknown[][] = [];
    const completions: SucceededRun[] = [];
    for (const write of writes)
      if ('start' in write) starts.push(write.start);
      else completions.push(write.complete);
    const { dialect, connection } = this;
    const rowByRow = async () => ({
      applied: await this.completeAll(completions),
      ids: await this.insertRuns(starts),
    });
    const { applied, ids } = await this.retrying(() =>
      dialect.writeRuns
        ? dialect.writeRuns(connection, completions, starts)
        : // A single row needs no transaction of its own.
          writes.length === 1
          ? rowByRow()
          : connection.transaction(rowByRow),
    );
    let s = 0;
    let c = 0;
    return writes.map((write) => ('start' in write ? ids[s++] : applied[c++]));
  }

  private async insertRuns(rows: unknown[][]): Promise<number[]> {
    const ids: number[] = [];
    for (const params of rows) ids.push(await this.dialect.insertRun(this.connection, params));
    return ids;
  }

  private async completeAll(items: SucceededRun[]): Promise<boolean[]> {
    const { dialect, connection } = this;
    const applied: boolean[] = [];
    for (const item of items) {
      const done = await connection.execute(dialect.sql(FINISH_EVENT), [
        'succeeded',
        item.finishedAt,
        null,
        item.eventId,
        item.token,
      ]);
      if (done.affected > 0)
        await connection.execute(dialect.sql(END_RUN), [
          'succeeded',
          item.finishedAt,
          item.durationMs,
          item.result,
          null,
          item.runId,
        ]);
      applied.push(done.affected > 0);
    }
    return applied;
  }
}
