import { RegistryError, SchemaError } from '../../errors';
import { schemaMessages } from '../../errors/messages';
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { chunked } from '../chunking';
import type { ModelContext } from '../context/model-context';
import { ModelOperation } from '../context/model-operation';
import { ROLLBACK_PROBE } from '../context/rollback-probe';
import type { Row } from '../context/statement-runner';
import type { BatchInserter } from './batch-inserter';
import { ChunkFailure, isRowProblem } from './chunk-failure';
import { KeySequence } from './key-sequence';

/** One validated upsert row: its record, conflict target and the input it came from. */
interface PreparedUpsert<T> {
  record: T;
  conflict?: FieldMetadata[];
  /** The fields given are its own keys. */
  input: object;
}

/** Upserts of many rows: plain inserts for rows without a target, multi-row upserts per target. */
export class BulkUpserts<T extends object> extends ModelOperation<T> {
  private readonly keys: KeySequence<T>;

  constructor(
    ctx: ModelContext<T>,
    private readonly inserter: BatchInserter<T>,
  ) {
    super(ctx);
    this.keys = new KeySequence(ctx);
  }

  async upsertMany(rows: Array<Partial<T>>, operation: string): Promise<ManagedRecord<T>[]> {
    const { model, table, run } = this;
    const prepared: PreparedUpsert<T>[] = [];
    for (let i = 0; i < rows.length; i++) {
      let input = model.plainInput(rows[i]);
      if (model.tenancy.field) input = model.tenancy.fill(input, operation);
      const conflict = table.upsertPlans.conflictOf(input);
      const record = await model.validator.build(input, {
        operation,
        rowIndex: i,
        allowDatabaseKey: conflict?.[0] === model.keyField,
      });
      prepared.push({ record, conflict, input });
    }
    await model.passwords.hashAll(prepared.map((p) => p.record as any));
    await model.seal(
      prepared.map((p) => p.record),
      operation,
    );
    try {
      return await run.transaction(() => this.write(prepared, operation));
    } catch (error) {
      if (!(error instanceof ChunkFailure)) throw error;
      throw await this.locateFailure(error, prepared, operation);
    }
  }

  private async write(
    prepared: PreparedUpsert<T>[],
    operation: string,
  ): Promise<ManagedRecord<T>[]> {
    const { model } = this;
    const results: ManagedRecord<T>[] = new Array(prepared.length);
    // Rows without a conflict target are plain inserts.
    const inserts = prepared.map((p, i) => (p.conflict ? -1 : i)).filter((i) => i >= 0);
    if (inserts.length) {
      const records = inserts.map((i) => prepared[i].record);
      await this.inserter.insert(
        records.length,
        (start, end) => records.slice(start, end),
        operation,
        (p) => inserts[p],
      );
      for (const i of inserts) results[i] = prepared[i].record as ManagedRecord<T>;
    }
    const groups = new Map<string, number[]>();
    prepared.forEach((p, i) => {
      if (!p.conflict) return;
      const signature = p.conflict.map((f) => f.property).join(',');
      groups.set(signature, [...(groups.get(signature) ?? []), i]);
    });
    for (const indexes of groups.values())
      await this.upsertGroup(prepared, indexes, results, operation);
    if (model.tenancy.field)
      for (const record of results) model.tenancy.assertOwns(record, operation);
    return results;
  }

  /** Upserts the rows of one conflict target with multi-row statements. */
  private async upsertGroup(
    prepared: PreparedUpsert<T>[],
    indexes: number[],
    results: ManagedRecord<T>[],
    operation: string,
  ): Promise<void> {
    const { model, table, run } = this;
    await run.ready(operation);
    const conflict = prepared[indexes[0]].conflict!;
    const fields = table.upsertPlans.boundFields(conflict);
    const update = table.upsertPlans.updatableOnConflict(
      fields,
      conflict,
      new Set(indexes.flatMap((i) => Object.keys(prepared[i].input))),
    );
    // One statement may not touch a conflict value twice: the last row per value wins.
    const signatureOf = (record: any) =>
      conflict.map((f) => String(model.dialect.toDriver(f, record[f.property]))).join('\u0000');
    const last = new Map<string, number>();
    for (const i of indexes) last.set(signatureOf(prepared[i].record), i);
    const unique = [...last.values()];
    const perStatement = Math.max(
      1,
      Math.min(1000, Math.floor(model.dialect.maxParameters / fields.length)),
    );
    const written = new Map<string, ManagedRecord<T>>();
    for (const chunk of chunked(unique, perStatement)) {
      const sql = table.statements.upsert(fields, conflict, update, chunk.length);
      const params: unknown[] = [];
      for (const i of chunk) model.paramsOf(prepared[i].record, fields, params);
      let rows: Row[];
      try {
        rows = await run.connection.query(sql, params);
      } catch (error) {
        if (chunk.length === 1) throw await run.normalize(error, operation, chunk[0]);
        throw new ChunkFailure(error, 0, chunk.length);
      }
      const hydrated = await model.reveal(
        rows.map((row) => model.hydrate(row) as ManagedRecord<T>),
        operation,
      );
      for (const record of hydrated) written.set(signatureOf(record), record);
    }
    if (conflict[0] === model.keyField) await this.keys.sync(operation);
    for (const i of indexes) {
      const record = written.get(signatureOf(prepared[i].record));
      if (!record)
        throw new SchemaError(
          schemaMessages.upsertedRowMissing(model.meta.name, operation),
          model.context(operation),
        );
      results[i] = record;
    }
  }

  /** Replays the rows one statement each (rolled back) to name the row a failed upsert chunk tripped on. */
  private async locateFailure(
    failure: ChunkFailure,
    prepared: PreparedUpsert<T>[],
    operation: string,
  ): Promise<Error> {
    const { model, table, run } = this;
    if (failure.error instanceof RegistryError || !isRowProblem(model.dialect, failure.error)) {
      return run.normalize(failure.error, operation);
    }
    let found: { index: number; error: unknown } | undefined;
    await run.connection
      .transaction(async () => {
        for (let i = 0; i < prepared.length; i++) {
          const { record, conflict, input } = prepared[i];
          const plan = conflict
            ? table.upsertPlans.singleRowPlan(conflict, input)
            : { sql: table.statements.insert(1), fields: table.statements.insertFields };
          try {
            await run.connection.query(plan.sql, model.paramsOf(record, plan.fields));
          } catch (rowError) {
            found = { index: i, error: rowError };
            break;
          }
        }
        throw ROLLBACK_PROBE;
      })
      .catch(() => undefined);
    return found
      ? run.normalize(found.error, operation, found.index)
      : run.normalize(failure.error, operation);
  }
}
