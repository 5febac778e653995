import { ApiProperty } from '@nestjs/swagger';
import { MAX_ID, MAX_PAGE_LIMIT } from './limits';

/**
 * `total`, `limit` and `offset` of a page (`total` counts every match, not just this page).
 * A page is a response wrapper, not a model, so its fields are declared here.
 */
export class PageFieldsView {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_ID, example: 42 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, example: 20 })
  limit!: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_ID, example: 0 }) offset!: number;
}
