import type { Where } from './where.types';

export type QueryNodeKind = 'where' | 'and' | 'or' | 'not';

/** A `where` object or a query node: what every filter argument accepts. */
export type Filter<T = any> = Where<T> | QueryNode<T>;

/**
 * A boolean group of `where` objects, built with `Q(...)`. Nodes are immutable: `and`,
 * `or` and `not` return new nodes.
 */
export class QueryNode<T = any> {
  /** @internal use `Q(where)`, `Q.and`, `Q.or`, `Q.not`. */
  constructor(
    readonly kind: QueryNodeKind,
    readonly where: Where<T> | undefined,
    readonly children: ReadonlyArray<QueryNode<T>>,
  ) {
    Object.freeze(this);
  }

  and(...others: Array<Filter<T>>): QueryNode<T> {
    return new QueryNode<T>('and', undefined, [this, ...others.map(toNode)]);
  }

  or(...others: Array<Filter<T>>): QueryNode<T> {
    return new QueryNode<T>('or', undefined, [this, ...others.map(toNode)]);
  }

  not(): QueryNode<T> {
    return new QueryNode<T>('not', undefined, [this]);
  }
}

export function isQueryNode(value: unknown): value is QueryNode {
  return value instanceof QueryNode;
}

function toNode<T>(filter: Filter<T>): QueryNode<T> {
  return filter instanceof QueryNode ? filter : new QueryNode<T>('where', filter, []);
}

/**
 * The model type `T` is never inferred from the filter itself (that would make any
 * object its own model); it comes from `Q<User>(…)` or from where the node is used, e.g.
 * `users.filter(Q({ … }))`, and is `any` otherwise.
 */
export interface QFunction {
  <T = any>(where: NoInfer<Where<T>>): QueryNode<T>;
  /** All of the filters hold; `Q.and()` matches every row. */
  and<T = any>(...filters: Array<NoInfer<Filter<T>>>): QueryNode<T>;
  /** At least one filter holds; `Q.or()` matches no row. */
  or<T = any>(...filters: Array<NoInfer<Filter<T>>>): QueryNode<T>;
  not<T = any>(filter: NoInfer<Filter<T>>): QueryNode<T>;
}

/** `Q({ status: 'active' }).or({ status: 'trial' })`, `Q.not({ role: 'admin' })`. */
export const Q: QFunction = Object.assign(<T = any>(where: Where<T>) => toNode<T>(where), {
  and: <T = any>(...filters: Array<Filter<T>>) =>
    new QueryNode<T>('and', undefined, filters.map(toNode)),
  or: <T = any>(...filters: Array<Filter<T>>) =>
    new QueryNode<T>('or', undefined, filters.map(toNode)),
  not: <T = any>(filter: Filter<T>) => new QueryNode<T>('not', undefined, [toNode(filter)]),
});
