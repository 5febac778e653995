import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiErrors } from '../docs/api-errors.decorator';
import { ApiIdParam } from '../docs/api-id-param.decorator';
import { CreateProductDto } from './create-product.dto';
import { ListProductsQuery } from './list-products.query';
import { toView } from '@registers/db/swagger';
import { ProductPageView, ProductView } from './product.view';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a product' })
  @ApiCreatedResponse({ type: ProductView })
  @ApiErrors()
  async create(@Body() body: CreateProductDto): Promise<ProductView> {
    return toView(ProductView, await this.products.create(body));
  }

  @Get()
  @ApiOperation({
    summary: 'List products, newest first',
    description: 'Filters by price (inclusive) and name; unknown query parameters are 400.',
  })
  @ApiOkResponse({ type: ProductPageView })
  @ApiErrors()
  async list(@Query() query: ListProductsQuery): Promise<ProductPageView> {
    const page = await this.products.list(query);
    return { ...page, items: page.items.map((p) => toView(ProductView, p)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a product' })
  @ApiIdParam()
  @ApiOkResponse({ type: ProductView })
  @ApiErrors(404)
  async find(@Param('id', ParseIdPipe) id: number): Promise<ProductView> {
    return toView(ProductView, await this.products.find(id));
  }
}
