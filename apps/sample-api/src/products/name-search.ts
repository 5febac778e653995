import { Filter, Q } from '@registers/db';
import type { Product } from './product.model';

/**
 * A case-insensitive substring match on the name. `ilike` treats `%` and `_` as wildcards and
 * the query layer has no escaped case-insensitive `contains` yet, so each of those characters
 * in `q` becomes a `_` wildcard and each run of them must also appear literally in the name.
 * Exact for text without `%`/`_`; with them, a name holding the run elsewhere may also match.
 */
export function nameContains(q: string): Filter<Product> {
  const pattern = `%${q.replace(/[%_]/g, '_')}%`;
  const literalRuns = q.match(/[%_]+/g) ?? [];
  if (literalRuns.length === 0) return { name__ilike: pattern };
  return Q<Product>({ name__ilike: pattern }).and(
    ...literalRuns.map((run) => ({ name__contains: run })),
  );
}
