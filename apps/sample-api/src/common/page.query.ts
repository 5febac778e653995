import { DEFAULT_PAGE_LIMIT, MAX_ID, MAX_PAGE_LIMIT } from './limits';
import { QueryIntegerField } from './query-fields';

/** `?limit&offset` of the list endpoints. */
export class PageQuery {
  @QueryIntegerField({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  limit: number = DEFAULT_PAGE_LIMIT;

  @QueryIntegerField({ minimum: 0, maximum: MAX_ID, default: 0 })
  offset: number = 0;
}
