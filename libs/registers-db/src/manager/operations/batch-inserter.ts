import { RegistryError } from '../../errors';
import { markPersisted } from '../../records/record-state';
import { chunked, chunkSizes } from '../chunking';
import { ChunkFailure, isRowProblem } from './chunk-failure';
import { assignGeneratedKeys } from './generated-keys';
import { consecutiveInsertStep } from './insert-id-step';
import { ModelOperation } from '../context/model-operation';
import { ROLLBACK_PROBE } from '../context/rollback-probe';
import type { Row } from '../context/statement-runner';

/** A chunk's INSERT, sent, with its outcome captured (so no rejection goes unhandled). */
interface InFlightChunk<T> {
  chunk: T[];
  start: number;
  outcome: Promise<{ rows: Row[] } | { error: unknown }>;
}

/** Produces (validates) the records of positions `start` to `end`. */
export type ChunkProducer<T> = (start: number, end: number) => T[] | Promise<T[]>;

/**
 * Inserts many records with multi-row statements under the parameter limit, validating
 * the next chunk while the database works on the previous one.
 */
export class BatchInserter<T extends object> extends ModelOperation<T> {
  /**
   * Inserts `total` records in one (sub)transaction. On an integrity error everything is
   * rolled back and the rows are replayed (and rolled back again) to name the failing row
   * in `rowIndex` (`rowIndexOf` maps a position to the caller's row index).
   */
  async insert(
    total: number,
    produce: ChunkProducer<T>,
    operation: string,
    rowIndexOf: (position: number) => number = (position) => position,
  ): Promise<T[]> {
    const { model, table, run } = this;
    await run.ready(operation);
    const perStatement = table.statements.rowsPerStatement;
    const step = await consecutiveInsertStep(model.dialect, table.statements, run.connection);
    const records: T[] = new Array(total);
    const sizes = chunkSizes(total, perStatement);
    try {
      // One statement is atomic by itself: it needs no (sub)transaction, only containing
      // where a failed statement would abort an enclosing transaction (see contained).
      const atomically = sizes.length === 1 ? run.contained.bind(run) : run.transaction.bind(run);
      await atomically(async () => {
        let inflight: InFlightChunk<T> | undefined;
        let start = 0;
        for (const size of sizes) {
          const produced = produce(start, start + size);
          const chunk = produced instanceof Promise ? await produced : produced;
          for (let i = 0; i < chunk.length; i++) records[start + i] = chunk[i];
          if (inflight) await this.settle(inflight, operation);
          inflight = this.send(chunk, start, step);
          start += size;
        }
        if (inflight) await this.settle(inflight, operation);
      });
    } catch (error) {
      if (error instanceof ChunkFailure)
        throw await this.locateFailure(error, records, operation, rowIndexOf);
      throw error;
    }
    const key = model.meta.key;
    for (const record of records) markPersisted(record, (record as any)[key]);
    return records;
  }

  /** The parameters of one multi-row INSERT of `chunk`. */
  private paramsOfChunk(chunk: T[]): unknown[] {
    const params: unknown[] = [];
    const fields = this.table.statements.insertFields;
    for (const record of chunk) this.model.paramsOf(record, fields, params);
    return params;
  }

  /**
   * Sends one chunk's INSERT now (no await before the driver call) and keeps its outcome.
   * With a known key step the keys follow from the insert id, else from RETURNING.
   */
  private send(chunk: T[], start: number, step: number | undefined): InFlightChunk<T> {
    const { connection } = this.run;
    const { statements } = this.table;
    const params = this.paramsOfChunk(chunk);
    const rows =
      step === undefined
        ? connection.query(statements.insert(chunk.length), params)
        : connection
            .execute(statements.plainInsert(chunk.length), params)
            .then((result) => statements.keyRowsFromInsertId(result, chunk.length, step));
    const outcome = rows.then(
      (keyRows) => ({ rows: keyRows }),
      (error) => ({ error }),
    );
    return { chunk, start, outcome };
  }

  private async settle(inflight: InFlightChunk<T>, operation: string): Promise<void> {
    const outcome = await inflight.outcome;
    if ('error' in outcome)
      throw new ChunkFailure(outcome.error, inflight.start, inflight.start + inflight.chunk.length);
    assignGeneratedKeys(this.model, this.table.statements, inflight.chunk, outcome.rows, operation);
  }

  private async locateFailure(
    failure: ChunkFailure,
    records: T[],
    operation: string,
    rowIndexOf: (position: number) => number,
  ): Promise<Error> {
    const { model, table, run } = this;
    const { error, start, end } = failure;
    if (error instanceof RegistryError || !isRowProblem(model.dialect, error))
      return run.normalize(error, operation);
    if (end - start === 1) return run.normalize(error, operation, rowIndexOf(start));
    let found: { position: number; error: unknown } | undefined;
    await run.connection
      .transaction(async () => {
        // The earlier chunks went with the rollback; write them again so cross-chunk duplicates show.
        for (const chunk of chunked(records.slice(0, start), table.statements.rowsPerStatement)) {
          await run.connection.query(
            table.statements.insert(chunk.length),
            this.paramsOfChunk(chunk),
          );
        }
        const one = table.statements.insert(1);
        for (let i = start; i < end; i++) {
          try {
            await run.connection.query(
              one,
              model.paramsOf(records[i], table.statements.insertFields),
            );
          } catch (rowError) {
            found = { position: i, error: rowError };
            break;
          }
        }
        throw ROLLBACK_PROBE;
      })
      .catch(() => undefined);
    return found
      ? run.normalize(found.error, operation, rowIndexOf(found.position))
      : run.normalize(error, operation);
  }
}
