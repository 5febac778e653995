import { MAX_PRICE } from '../common/limits';
import { QueryDecimalField, QueryTextField } from '../common/query-fields';
import { PageQuery } from '../common/page.query';

/** `GET /products?limit&offset&minPrice&maxPrice&q`. */
export class ListProductsQuery extends PageQuery {
  @QueryDecimalField({
    minimum: 0,
    maximum: MAX_PRICE,
    description: 'Inclusive lower bound of the price.',
  })
  minPrice?: number;

  @QueryDecimalField({
    minimum: 0,
    maximum: MAX_PRICE,
    description: 'Inclusive upper bound of the price.',
  })
  maxPrice?: number;

  @QueryTextField({
    maxLength: 200,
    description:
      'Case-insensitive substring of the name; empty matches every product. `%` and `_` stand for themselves.',
  })
  q?: string;
}
