import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreateProductDto } from './create-product.dto';
import { ListProductsQuery } from './list-products.query';
import { ProductPageView, ProductView, toProductView } from './product.view';
import { ProductsService } from './products.service';

@ApiTags('products')
@ApiBadRequestResponse({
  description: 'Invalid body, query or id; `issues` lists the messages per field.',
})
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @ApiCreatedResponse({ type: ProductView })
  async create(@Body() body: CreateProductDto): Promise<ProductView> {
    return toProductView(await this.products.create(body));
  }

  @Get()
  @ApiOkResponse({ type: ProductPageView })
  async list(@Query() query: ListProductsQuery): Promise<ProductPageView> {
    const page = await this.products.list(query);
    return { ...page, items: page.items.map(toProductView) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductView })
  @ApiNotFoundResponse()
  async find(@Param('id', ParseIdPipe) id: number): Promise<ProductView> {
    return toProductView(await this.products.find(id));
  }
}
