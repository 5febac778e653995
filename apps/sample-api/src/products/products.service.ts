import { Injectable } from '@nestjs/common';
import { Filter, InjectManager, Manager, Q } from '@registers/db';
import type { Page } from '../common/page';
import { CreateProductDto } from './create-product.dto';
import { ListProductsQuery } from './list-products.query';
import { nameContains } from './name-search';
import { Product } from './product.model';

@Injectable()
export class ProductsService {
  constructor(@InjectManager(Product) private readonly products: Manager<Product>) {}

  create(body: CreateProductDto): Promise<Product> {
    return this.products.create(body);
  }

  find(id: number): Promise<Product> {
    return this.products.require(id);
  }

  /** Newest first (id descending); minPrice/maxPrice inclusive. */
  async list(query: ListProductsQuery): Promise<Page<Product>> {
    const filters: Filter<Product>[] = [];
    if (query.minPrice !== undefined) filters.push({ price__gte: query.minPrice });
    if (query.maxPrice !== undefined) filters.push({ price__lte: query.maxPrice });
    if (query.q !== undefined && query.q !== '') filters.push(nameContains(query.q));
    const where = Q.and(...filters);
    const [items, total] = await Promise.all([
      this.products.filter(where, { orderBy: '-id', limit: query.limit, offset: query.offset }),
      this.products.count(where),
    ]);
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
