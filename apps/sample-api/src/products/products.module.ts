import { Module } from '@nestjs/common';
import { RegistersCrudModule } from '@registers/db/crud';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ErrorResponse } from '../docs/error-response';
import { ListProductsQuery } from './list-products.query';
import { Product } from './product.model';

/**
 * Products are served by `RegistersCrudModule` with this API's contract: `minPrice`, `maxPrice`
 * and `q` stand for the filters `price__gte`, `price__lte` and `name__icontains`; lists are
 * newest first; bodies (`CreateDto(Product)`) and the list query (`ListProductsQuery`) go
 * through the application's validation pipe; every 4xx is documented as `ErrorResponse`, with
 * the HTTP boundary's 413 and 415; `:id` passes ParseIdPipe, as on the other routes.
 */
@Module({
  imports: [
    RegistersCrudModule.forFeature([
      {
        model: Product,
        path: 'products',
        operations: ['list', 'get', 'create'],
        filters: { minPrice: 'price__gte', maxPrice: 'price__lte', q: 'name__icontains' },
        defaultOrder: '-id',
        validation: 'app',
        query: ListProductsQuery,
        errorResponse: ErrorResponse,
        errorStatuses: [413, 415],
        idPipes: [ParseIdPipe],
      },
    ]),
  ],
})
export class ProductsModule {}
