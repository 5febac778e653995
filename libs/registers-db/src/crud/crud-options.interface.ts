import type { CanActivate, PipeTransform, Type } from '@nestjs/common';
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
  /**
   * Query parameters of the list under names of the application's choosing, each standing for
   * one filter: `{ minPrice: 'price__gte', q: 'name__icontains' }`. The alias takes the
   * filter's values and is documented as its own parameter; the `field__operator` name itself
   * is a filter only if `filterable` allows it too.
   */
  filters?: Readonly<Record<string, string>>;
  /** Fields `orderBy` may name (the key always). */
  sortable?: readonly string[];
  /** Largest `limit` (default 100); the default page size is 20. */
  maxLimit?: number;
  /**
   * The order of a list without `orderBy`, in `orderBy`'s notation (`'-id'`, `['-price', 'name']`);
   * default: the key ascending. Each field must be sortable (or the key).
   */
  defaultOrder?: string | readonly string[];
  /**
   * Who validates request bodies. `'route'` (default): the route's own pipe, with the model's
   * rules, answering RegistersExceptionFilter's ValidationError. `'app'`: the route declares the
   * derived DTO classes (`CreateDto(model)`, `UpdateDto(model)`) as its body types and leaves
   * them to the application's global ValidationPipe, its options and its error body; that pipe
   * must whitelist (`whitelist` and `forbidNonWhitelisted`) and transform.
   */
  validation?: 'route' | 'app';
  /**
   * With `validation: 'app'`: the class of the list's query. The application's pipe validates
   * and transforms the query string into it (its rules, bounds, defaults and messages), the
   * document lists its properties as the list's parameters, and the route reads the filters
   * (names of `filterable` or `filters`) and page parameters from it. Each property must be
   * one of those: anything else fails at startup.
   */
  query?: Type<object>;
  /**
   * The OpenAPI schema of the routes' 4xx answers (default RegistersErrorResponse): the
   * application's error class when its filters or pipes answer with their own body.
   */
  errorResponse?: Type<unknown>;
  /**
   * More 4xx statuses every route documents (with `errorResponse`): those the application
   * answers before any route runs, such as 413 and 415 from its body parser.
   */
  errorStatuses?: readonly number[];
  /**
   * Pipes `:id` passes before the route checks it as a key of the model: the application's own
   * id rule and 400 body (`[ParseIdPipe]`). What they return (text or a number) is then checked
   * like the path's text.
   */
  idPipes?: ReadonlyArray<Type<PipeTransform> | PipeTransform>;
  /** Swagger tag of the routes (default: the path). */
  tag?: string;
  /** Registry name, for a named `RegistersDbModule.forRoot`. */
  registry?: string;
}
