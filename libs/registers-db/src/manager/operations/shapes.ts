import { InvalidQueryError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import { selectedColumn } from '../../dialects/base/selected-column';
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
import { isFilter } from '../context/input-shapes';
import type { ModelContext } from '../context/model-context';
import { ModelOperation } from '../context/model-operation';
import type { AggregateSpec, FindOptions } from '../manager-options.interface';
import type { Reads } from './reads';

/** Reads that return something other than whole records: projections, counts by value, aggregates. */
export class Shapes<T extends object> extends ModelOperation<T> {
  constructor(
    ctx: ModelContext<T>,
    private readonly reads: Reads<T>,
  ) {
    super(ctx);
  }

  /** Records that do not match `where` (SQL NULL rules: a NULL column matches neither side). */
  exclude(where: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T>[]> {
    const { model } = this;
    if (!isFilter(where)) {
      throw new InvalidQueryError(
        queryMessages.excludeWhereNotObject(model.meta.name),
        model.context('exclude'),
      );
    }
    return this.reads.find('exclude', Q.not(where), options);
  }

  private projected(fields: unknown, operation: string): FieldMetadata[] {
    const { model } = this;
    const list = typeof fields === 'string' ? [fields] : fields;
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidQueryError(
        queryMessages.fieldsNeeded(model.meta.name, operation),
        model.context(operation),
      );
    }
    return list.map((property) => {
      const field =
        typeof property === 'string' && !isUnsafeKey(property)
          ? model.meta.fieldsByProperty.get(property)
          : undefined;
      if (!field) {
        throw new InvalidQueryError(
          queryMessages.unknownField(model.meta.name, operation, String(property)),
          {
            ...model.context(operation),
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
    const { model, table, run, filters } = this;
    const operation = 'select';
    const chosen = this.projected(fields, operation);
    const params = new SqlParams(model.dialect);
    const whereSql = filters.where(where, params, operation, {
      includeDeleted: options?.includeDeleted === true,
    });
    const columns = chosen.map((f) => selectedColumn(model.dialect, f)).join(', ');
    const rows = await run.query(
      operation,
      `SELECT ${columns} FROM ${table.statements.table}${whereSql}${filters.tail(options, operation)}`,
      params.values,
    );
    const out = rows.map((row) => {
      const item: any = {};
      for (const field of chosen)
        item[field.property] = model.dialect.fromDriver(field, row[field.column]);
      return item;
    });
    return chosen.some((f) => f.encrypted) ? model.reveal(out, operation) : out;
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
    const { model, table, run, filters } = this;
    const operation = 'countBy';
    const [chosen] = this.projected([field], operation);
    const q = (id: string) => model.dialect.quoteIdentifier(id);
    const params = new SqlParams(model.dialect);
    const whereSql = filters.where(where, params, operation);
    const column = q(chosen.column);
    const rows = await run.query(
      operation,
      `SELECT ${column} AS ${q('k')}, COUNT(*) AS ${q('n')} FROM ${table.statements.table}${whereSql} GROUP BY ${column}`,
      params.values,
    );
    const counts: Record<string, number> = {};
    for (const row of rows) {
      const value = model.dialect.fromDriver(chosen, row.k);
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
    const { model, table, run, filters } = this;
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
        queryMessages.aggregateShape(model.meta.name),
        model.context(operation),
      );
    }
    const params = new SqlParams(model.dialect);
    const q = (id: string) => model.dialect.quoteIdentifier(id);
    let expressions: string;
    try {
      expressions = entries
        .map(
          ([, agg], i) =>
            `${compileAggregate(model.meta, agg, model.dialect, params)} AS ${q(`a${i}`)}`,
        )
        .join(', ');
    } catch (error) {
      throw model.withOperation(error, operation);
    }
    const whereSql = filters.where(where, params, operation);
    const [row] = await run.query(
      operation,
      `SELECT ${expressions} FROM ${table.statements.table}${whereSql}`,
      params.values,
    );
    const values = entries.map(([, agg], i) => {
      const value = aggregateResult(model.meta, agg, row?.[`a${i}`]);
      const field = aggregateField(model.meta, agg);
      return field && (field.type === 'date' || field.type === 'datetime') && value !== null
        ? model.dialect.fromDriver(field, value)
        : value;
    });
    if (single) return values[0];
    const out: Record<string, unknown> = {};
    entries.forEach(([label], i) => (out[label] = values[i]));
    return out;
  }
}
