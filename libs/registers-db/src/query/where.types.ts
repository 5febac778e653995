import type { QueryOperator } from './operators';

/** Property names of `T` that can be stored: everything that is not a method. */
export type FieldName<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends (...args: any[]) => any ? never : K;
}[keyof T & string];

/** What a filter value of a field may be: dates also as ISO-8601 strings. */
export type FilterValue<V> = [NonNullable<V>] extends [Date] ? Date | string : NonNullable<V>;

/** The value an operator takes for a field whose type is `V`. */
export type OperatorValue<V, O extends QueryOperator> = O extends 'eq' | 'not'
  ? FilterValue<V> | null
  : O extends 'gt' | 'gte' | 'lt' | 'lte'
    ? FilterValue<V>
    : O extends
          | 'like'
          | 'ilike'
          | 'contains'
          | 'startswith'
          | 'endswith'
          | 'icontains'
          | 'istartswith'
          | 'iendswith'
      ? string
      : O extends 'in' | 'not_in'
        ? ReadonlyArray<FilterValue<V> | null>
        : O extends 'is_null'
          ? boolean
          : O extends 'between'
            ? readonly [FilterValue<V>, FilterValue<V>]
            : never;

/** Every key a `where` object of `T` may have: `field` or `field__op`. */
export type WhereKey<T> = FieldName<T> | `${FieldName<T>}__${QueryOperator}`;

type WhereValue<T, Key> =
  Key extends FieldName<T>
    ? OperatorValue<T[Key], 'eq'>
    : Key extends `${infer F}__${infer O}`
      ? F extends FieldName<T>
        ? O extends QueryOperator
          ? OperatorValue<T[F], O>
          : never
        : never
      : never;

type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * A filter on model `T`: `{ name: 'Ada', age__gte: 18, role__in: ['admin'] }`. Keys are
 * checked at compile time against the model's fields and the operator list; the values
 * are checked again at query time against the field metadata. `Where<any>` is unchecked.
 */
export type Where<T> =
  IsAny<T> extends true ? Record<string, any> : { [Key in WhereKey<T>]?: WhereValue<T, Key> };

/** `'name'`, `'-createdAt'` (descending) or a list of those. */
export type OrderKey<T> = FieldName<T> | `-${FieldName<T>}`;
export type OrderBy<T> = OrderKey<T> | ReadonlyArray<OrderKey<T>>;
