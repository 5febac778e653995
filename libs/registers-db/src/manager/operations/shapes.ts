import { InvalidQueryError } from '../../errors';
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import {
  AggregateDescriptor,
  aggregateField,
  aggregateResult,
  compileAggregate,
  isAggregate,
  Q,
  SqlParams,
} from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isUnsafeKey } from '../../validation/unsafe-keys';
import type { AggregateSpec, FindOptions } from '../manager-options.interface';
import { isFilter } from './input-shapes';
import type { ModelContext } from './model-context';
import type { Reads } from './reads';

/** Reads that return something other than whole records: projections, counts by value, aggregates. */
export class Shapes<T extends object> {
  constructor(
    private readonly ctx: ModelContext<T>,
    private readonly reads: Reads<T>,
  ) {}

  /** Records that do not match `where` (SQL NULL rules: a NULL column matches neither side). */
  exclude(where: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T>[]> {
    const { ctx } = this;
    if (!isFilter(where)) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.exclude: where must be an object`,
        ctx.context('exclude'),
      );
    }
    return this.reads.find('exclude', Q.not(where), options);
  }

  private projected(fields: unknown, operation: string): FieldMetadata[] {
    const { ctx } = this;
    const list = typeof fields === 'string' ? [fields] : fields;
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.${operation} needs at least one field`,
        ctx.context(operation),
      );
    }
    return list.map((property) => {
      const field =
        typeof property === 'string' && !isUnsafeKey(property)
          ? ctx.meta.fieldsByProperty.get(property)
          : undefined;
      if (!field) {
        throw new InvalidQueryError(
          `${ctx.meta.name}.${operation}: unknown field "${String(property)}"`,
          {
            ...ctx.context(operation),
            field: String(property),
          },
        );
      }
      return field;
    });
  }

  /** Plain objects with exactly the requested fields, for the rows matching `where`. */
  async select<K extends keyof T & string>(
    fields: K[],
    where?: Filter<T>,
    options?: FindOptions,
  ): Promise<Array<Pick<T, K>>> {
    const { ctx } = this;
    const operation = 'select';
    const chosen = this.projected(fields, operation);
    const params = new SqlParams(ctx.dialect);
    const whereSql = ctx.filters.where(where, params, operation, {
      includeDeleted: options?.includeDeleted === true,
    });
    const columns = chosen.map((f) => ctx.dialect.quoteIdentifier(f.column)).join(', ');
    const rows = await ctx.query(
      operation,
      `SELECT ${columns} FROM ${ctx.statements.table}${whereSql}${ctx.filters.tail(options, operation)}`,
      params.values,
    );
    const out = rows.map((row) => {
      const item: any = {};
      for (const field of chosen)
        item[field.property] = ctx.dialect.fromDriver(field, row[field.column]);
      return item;
    });
    return chosen.some((f) => f.encrypted) ? ctx.reveal(out, operation) : out;
  }

  /** The values of one field for the rows matching `where`. */
  async valuesList<K extends keyof T & string>(
    field: K,
    where?: Filter<T>,
    options?: FindOptions,
  ): Promise<Array<T[K]>> {
    const rows = await this.select([field], where, options);
    return rows.map((row) => row[field]);
  }

  /** `{ [value]: count }` grouped by one field (NULL groups under the key `null`). */
  async countBy<K extends keyof T & string>(
    field: K,
    where?: Filter<T>,
  ): Promise<Record<string, number>> {
    const { ctx } = this;
    const operation = 'countBy';
    const [chosen] = this.projected([field], operation);
    const q = (id: string) => ctx.dialect.quoteIdentifier(id);
    const params = new SqlParams(ctx.dialect);
    const whereSql = ctx.filters.where(where, params, operation);
    const column = q(chosen.column);
    const rows = await ctx.query(
      operation,
      `SELECT ${column} AS ${q('k')}, COUNT(*) AS ${q('n')} FROM ${ctx.statements.table}${whereSql} GROUP BY ${column}`,
      params.values,
    );
    const counts: Record<string, number> = {};
    for (const row of rows) {
      const value = ctx.dialect.fromDriver(chosen, row.k);
      const key = value instanceof Date ? value.toISOString() : String(value);
      // defineProperty: a stored value such as "__proto__" stays a plain key.
      const before = Object.prototype.hasOwnProperty.call(counts, key) ? counts[key] : 0;
      Object.defineProperty(counts, key, {
        value: before + Number(row.n),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return counts;
  }

  /**
   * One aggregate (`Agg.sum('total')`) → its value, or labelled aggregates
   * (`{ total: Agg.sum('total'), n: Agg.count() }`) → an object of values. Numbers are JS
   * numbers on every dialect; an empty set gives null (0 for counts).
   */
  async aggregate(spec: AggregateSpec<T>, where?: Filter<T>): Promise<any> {
    const { ctx } = this;
    const operation = 'aggregate';
    const single = isAggregate(spec);
    const entries: Array<[string, AggregateDescriptor]> = single
      ? [['value', spec as AggregateDescriptor]]
      : spec !== null && typeof spec === 'object' && !Array.isArray(spec)
        ? Object.entries(spec as Record<string, AggregateDescriptor>)
        : [];
    if (
      entries.length === 0 ||
      entries.some(([label, agg]) => isUnsafeKey(label) || !isAggregate(agg))
    ) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.aggregate takes Agg.count/sum/avg/min/max(...) or { label: Agg… }`,
        ctx.context(operation),
      );
    }
    const params = new SqlParams(ctx.dialect);
    const q = (id: string) => ctx.dialect.quoteIdentifier(id);
    let expressions: string;
    try {
      expressions = entries
        .map(
          ([, agg], i) =>
            `${compileAggregate(ctx.meta, agg, ctx.dialect, params)} AS ${q(`a${i}`)}`,
        )
        .join(', ');
    } catch (error) {
      throw ctx.withOperation(error, operation);
    }
    const whereSql = ctx.filters.where(where, params, operation);
    const [row] = await ctx.query(
      operation,
      `SELECT ${expressions} FROM ${ctx.statements.table}${whereSql}`,
      params.values,
    );
    const values = entries.map(([, agg], i) => {
      const value = aggregateResult(ctx.meta, agg, row?.[`a${i}`]);
      const field = aggregateField(ctx.meta, agg);
      return field && (field.type === 'date' || field.type === 'datetime') && value !== null
        ? ctx.dialect.fromDriver(field, value)
        : value;
    });
    if (single) return values[0];
    const out: Record<string, unknown> = {};
    entries.forEach(([label], i) => (out[label] = values[i]));
    return out;
  }
}
