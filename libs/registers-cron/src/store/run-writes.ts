import type { DatabaseConnection } from '@registers/db';
import type {
  AttemptEnd,
  CronSqlDialect,
  RunStartRow,
  SucceededRun,
  WrittenRuns,
} from './dialects/cron-sql-dialect.interface';
import { TABLES } from './tables/cron-tables';
import { WriteBatcher } from './write-batcher';

export const FINISH_EVENT = `UPDATE ${TABLES.events} SET status = ?, finished_at = ?, error = ?, lease_owner = NULL, lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ? AND status = 'running'`;
export const END_RUN = `UPDATE ${TABLES.runs} SET status = ?, finished_at = ?, duration_ms = ?, result = ?, error = ? WHERE id = ? AND status = 'running'`;

/**
 * A run row queued for writing. An attempt that ends before its row was written (a quick
 * handler) writes the row already ended, in the same statement as its event: one row
 * written instead of a row written and then updated.
 */
export interface RunStart {
  /** The run row's id, once written. */
  readonly id: Promise<number>;
  /** @internal */
  readonly write: StartWrite;
  /** @internal */
  readonly written: Promise<StartOutput>;
}

interface StartWrite {
  start: unknown[];
  finish?: AttemptEnd;
  /** Taken by a flush: a finish must then be written on its own. */
  taken: boolean;
}
interface StartOutput {
  id: number;
  finished: boolean;
}
type RunWrite = StartWrite | { complete: SucceededRun };

/**
 * The writes every attempt makes, batched: the start of an attempt (its run row) and the
 * end of a successful one (event and run row). Workers finishing one event and starting
 * the next in the same turn share one transaction, so a busy pool pays one commit per
 * round of its workers instead of two per event. The rarer outcomes (failures, retries,
 * skips, lost claims) are written one by one by the store.
 */
export class RunWrites {
  private readonly batcher = new WriteBatcher<RunWrite, StartOutput | boolean>((writes) =>
    this.flush(writes),
  );

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly dialect: CronSqlDialect,
    /** Runs `work` once the tables exist, again after a transient failure. */
    private readonly retrying: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  /** Queues a run row (`INSERT_RUN` parameters); see RunStart. */
  begin(params: unknown[]): RunStart {
    const write: StartWrite = { start: params, taken: false };
    const written = this.batcher.add(write) as Promise<StartOutput>;
    // Callers await `id` or `finish`; a failed write must not also be an unhandled rejection.
    written.catch(() => undefined);
    return { id: written.then((output) => output.id), write, written };
  }

  /** Inserts a run row (`INSERT_RUN` parameters); resolves to its id. */
  start(params: unknown[]): Promise<number> {
    return this.begin(params).id;
  }

  /** Ends a successful attempt; false when its claim was lost (nothing applied). */
  complete(item: SucceededRun): Promise<boolean> {
    return this.batcher.add({ complete: item }) as Promise<boolean>;
  }

  /**
   * Ends the successful attempt of `start`: with its row when that is still queued, else
   * on its own. `applied` false when its claim was lost (the run row is then left running).
   */
  async finish(start: RunStart, end: AttemptEnd): Promise<{ runId: number; applied: boolean }> {
    if (!start.write.taken) {
      start.write.finish = end;
      const { id, finished } = await start.written;
      return { runId: id, applied: finished };
    }
    const runId = await start.id;
    return { runId, applied: await this.complete({ ...end, runId }) };
  }

  private async flush(writes: RunWrite[]): Promise<Array<StartOutput | boolean>> {
    const starts: RunStartRow[] = [];
    const completions: SucceededRun[] = [];
    for (const write of writes)
      if ('start' in write) {
        write.taken = true;
        starts.push({ params: write.start, finish: write.finish });
      } else completions.push(write.complete);
    const { dialect, connection } = this;
    const rowByRow = () => this.writeRowByRow(completions, starts);
    // One plain run row needs no transaction of its own.
    const single = writes.length === 1 && starts.length === 1 && !starts[0].finish;
    const { applied, ids, finished } = await this.retrying(() =>
      dialect.writeRuns
        ? dialect.writeRuns(connection, completions, starts)
        : single
          ? rowByRow()
          : connection.transaction(rowByRow),
    );
    let s = 0;
    let c = 0;
    return writes.map((write) =>
      'start' in write ? { id: ids[s], finished: finished[s++] } : applied[c++],
    );
  }

  /** The round row by row: run rows first, then every success (those of new rows too). */
  private async writeRowByRow(
    completions: SucceededRun[],
    starts: RunStartRow[],
  ): Promise<WrittenRuns> {
    const ids: number[] = [];
    for (const { params } of starts)
      ids.push(await this.dialect.insertRun(this.connection, params));
    const ended = [...completions];
    starts.forEach((start, i) => start.finish && ended.push({ ...start.finish, runId: ids[i] }));
    const appliedAll = await this.completeAll(ended);
    let f = completions.length;
    return {
      applied: appliedAll.slice(0, completions.length),
      ids,
      finished: starts.map((start) => (start.finish ? appliedAll[f++] : false)),
    };
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
