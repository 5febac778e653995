import type { Type } from '@nestjs/common';
import type { DatabaseConnection } from '../connection/database-connection';
import type { Dialect } from '../dialects/base/dialect.interface';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { Filter } from '../query/query-node';
import type { ManagedRecord, RecordOwner } from '../records/record-methods.interface';
import type { ModelSchema } from '../schema/model-schema';
import { createModelContext, type ModelContext } from './context/model-context';
import type {
  AggregateSpec,
  FindOptions,
  KeyValue,
  Page,
  PageRequest,
} from './manager-options.interface';
import { Pagination } from './operations/pagination';
import { RawQueries } from './operations/raw-queries';
import { Reads } from './operations/reads';
import { Shapes } from './operations/shapes';

/**
 * The reading half of Manager (see manager.ts, which adds the writes): builds the model
 * context every operation shares, and answers reads, projections, aggregates, pages and
 * raw SQL. The methods delegate to the operations under `operations/`.
 */
export abstract class ManagerReads<T extends object> implements RecordOwner<T> {
  readonly dialect: Dialect;
  /** The class of the records this manager returns (a subclass of the model). */
  readonly recordClass: Type<T>;
  protected readonly ctx: ModelContext<T>;
  protected readonly reads: Reads<T>;
  private readonly shapes: Shapes<T>;
  private readonly pagination: Pagination<T>;
  private readonly rawQueries: RawQueries<T>;

  constructor(
    readonly meta: ModelMetadata<T>,
    readonly connection: DatabaseConnection,
    readonly schema: ModelSchema<T>,
  ) {
    const ctx = createModelContext(meta, connection, schema, this);
    this.ctx = ctx;
    this.dialect = ctx.model.dialect;
    this.recordClass = ctx.model.recordClass;
    this.reads = new Reads(ctx);
    this.shapes = new Shapes(ctx, this.reads);
    this.pagination = new Pagination(ctx, this.reads);
    this.rawQueries = new RawQueries(ctx);
  }

  // Record methods that write (record.save(), …) come from Manager.
  abstract save(record: T): Promise<ManagedRecord<T>>;
  abstract deleteRecord(record: T): Promise<boolean>;
  abstract updateRecord(record: T, changes: Partial<T>): Promise<T>;

  // ---------------------------------------------------------------- reads

  /** The record with this key, or the first matching `where`; null when none. */
  get(keyOrWhere: KeyValue | Filter<T>): Promise<ManagedRecord<T> | null> {
    return this.reads.get(keyOrWhere, 'get');
  }

  /** Like get, but a missing record raises RecordNotFoundError. */
  require(keyOrWhere: KeyValue | Filter<T>): Promise<ManagedRecord<T>> {
    return this.reads.require(keyOrWhere);
  }

  /** Records matching `where` (all when omitted), with orderBy/limit/offset. */
  filter(where?: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T>[]> {
    return this.reads.find('filter', where, options);
  }

  all(options?: FindOptions): Promise<ManagedRecord<T>[]> {
    return this.reads.find('all', undefined, options);
  }

  exists(where?: Filter<T>): Promise<boolean> {
    return this.reads.exists(where);
  }

  count(where?: Filter<T>): Promise<number> {
    return this.reads.count(where);
  }

  /** The first record by `orderBy` (default: the key), or null. */
  first(where?: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T> | null> {
    return this.reads.first(where, options);
  }

  /** The last record by `orderBy` (default: the key): first() of the reversed order. */
  last(where?: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T> | null> {
    return this.reads.last(where, options);
  }

  /** Reloads a record's fields from its row, in place; returns the record. */
  refresh(record: T): Promise<ManagedRecord<T>> {
    return this.reads.refresh(record);
  }

  // ---------------------------------------------------------------- shapes

  /** Records that do not match `where` (SQL NULL rules: a NULL column matches neither side). */
  exclude(where: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T>[]> {
    return this.shapes.exclude(where, options);
  }

  /** Plain objects with exactly the requested fields, for the rows matching `where`. */
  select<K extends keyof T & string>(
    fields: K[],
    where?: Filter<T>,
    options?: FindOptions,
  ): Promise<Array<Pick<T, K>>> {
    return this.shapes.select(fields, where, options);
  }

  /** The values of one field for the rows matching `where`. */
  valuesList<K extends keyof T & string>(
    field: K,
    where?: Filter<T>,
    options?: FindOptions,
  ): Promise<Array<T[K]>> {
    return this.shapes.valuesList(field, where, options);
  }

  /** `{ [value]: count }` grouped by one field (NULL groups under the key `null`). */
  countBy<K extends keyof T & string>(
    field: K,
    where?: Filter<T>,
  ): Promise<Record<string, number>> {
    return this.shapes.countBy(field, where);
  }

  /**
   * One aggregate (`Agg.sum('total')`) → its value, or labelled aggregates
   * (`{ total: Agg.sum('total'), n: Agg.count() }`) → an object of values. Numbers are JS
   * numbers on every dialect; an empty set gives null (0 for counts).
   */
  aggregate(spec: AggregateSpec<T>, where?: Filter<T>): Promise<any> {
    return this.shapes.aggregate(spec, where);
  }

  /**
   * Keyset pagination: `orderBy` (default the key; the key is added as the last tiebreak),
   * `limit` (default 20) and the `cursor` of the previous page. Order fields must be
   * non-nullable so the cursor comparison is exact.
   */
  paginate(request: PageRequest<T> = {}): Promise<Page<ManagedRecord<T>>> {
    return this.pagination.paginate(request);
  }

  // ---------------------------------------------------------------- raw SQL

  /** Runs a SELECT with `:named` parameters and hydrates the rows as records of this model. */
  raw(sql: string, params?: Record<string, unknown>): Promise<ManagedRecord<T>[]> {
    return this.rawQueries.raw(sql, params);
  }

  /** Runs a SELECT with `:named` parameters and returns the driver's rows as plain objects. */
  rawDicts(sql: string, params?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return this.rawQueries.rawDicts(sql, params);
  }

  /** Runs a write statement with `:named` parameters; returns the number of rows it changed. */
  executeRaw(sql: string, params?: Record<string, unknown>): Promise<number> {
    return this.rawQueries.executeRaw(sql, params);
  }
}
