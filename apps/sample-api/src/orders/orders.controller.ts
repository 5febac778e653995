import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiErrors } from '../docs/api-errors.decorator';
import { ApiIdParam } from '../docs/api-id-param.decorator';
import { CreateOrderDto } from './create-order.dto';
import { ListOrdersQuery } from './list-orders.query';
import { OrderPageView, OrderView } from './order.view';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @ApiOperation({
    summary: 'Place an order',
    description:
      'One transaction: checks the customer, takes each line’s stock and writes the order at ' +
      'the current prices. Any error rolls everything back.',
  })
  @ApiCreatedResponse({
    type: OrderView,
    description: 'The order with its total and items; stock is decremented.',
  })
  @ApiErrors(
    [404, 'Unknown customer or product.'],
    [409, 'Not enough stock (`InsufficientStock`); nothing was changed.'],
    [
      422,
      'The total at the current prices exceeds 9999999999.99 (`OrderTotalTooLarge`); nothing was changed.',
    ],
  )
  create(@Body() body: CreateOrderDto): Promise<OrderView> {
    return this.orders.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List orders with their items, newest first' })
  @ApiOkResponse({ type: OrderPageView })
  @ApiErrors()
  list(@Query() query: ListOrdersQuery): Promise<OrderPageView> {
    return this.orders.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an order with its items' })
  @ApiIdParam()
  @ApiOkResponse({ type: OrderView })
  @ApiErrors(404)
  find(@Param('id', ParseIdPipe) id: number): Promise<OrderView> {
    return this.orders.find(id);
  }
}
