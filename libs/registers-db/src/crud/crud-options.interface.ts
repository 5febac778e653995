import type { CanActivate, Type } from '@nestjs/common';
import type { QueryOperator } from '../query/operators';

export const CRUD_OPERATIONS = ['list', 'get', 'create', 'update', 'delete'] as const;

/** One route of a resource: GET /, GET /:id, POST /, PATCH /:id, DELETE /:id. */
export type CrudOperation = (typeof CRUD_OPERATIONS)[number];

type Guards = Array<Type<CanActivate> | CanActivate>;

/** One model served over HTTP by `RegistersCrudModule.forFeature`. */
export interface CrudResource<T = any> {
  model: Type<T>;
  /** Route path, e.g. `'products'`. */
  path: string;
  /** Routes to serve (default: all five). */
  operations?: readonly CrudOperation[];
  /** Guards of every route, or per operation (`{ create: [AdminGuard] }`). */
  guards?: Guards | Partial<Record<CrudOperation, Guards>>;
  /**
   * Fields the list may filter on: names (every operator their type supports) or names with
   * the operators to allow (`{ price: ['gte', 'lte'] }`). Any other query parameter is a 400.
   */
  filterable?: readonly string[] | Readonly<Record<string, readonly QueryOperator[]>>;
  /** Fields `orderBy` may name (the key always). */
  sortable?: readonly string[];
  /** Largest `limit` (default 100); the default page size is 20. */
  maxLimit?: number;
  /** Swagger tag of the routes (default: the path). */
  tag?: string;
  /** Registry name, for a named `RegistersDbModule.forRoot`. */
  registry?: string;
}
