import { PageQuery } from '../common/page.query';

/** `GET /orders?limit&offset`. */
export class ListOrdersQuery extends PageQuery {}
