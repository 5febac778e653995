import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreateOrderDto } from './create-order.dto';
import { ListOrdersQuery } from './list-orders.query';
import { OrderPageView, OrderView } from './order.view';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBadRequestResponse({
  description: 'Invalid body, query or id; `issues` lists the messages per field.',
})
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @ApiCreatedResponse({
    type: OrderView,
    description: 'The order with its total and items; stock is decremented.',
  })
  @ApiNotFoundResponse({ description: 'Unknown customer or product.' })
  @ApiConflictResponse({ description: 'Not enough stock; nothing was changed.' })
  create(@Body() body: CreateOrderDto): Promise<OrderView> {
    return this.orders.create(body);
  }

  @Get()
  @ApiOkResponse({ type: OrderPageView })
  list(@Query() query: ListOrdersQuery): Promise<OrderPageView> {
    return this.orders.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderView })
  @ApiNotFoundResponse()
  find(@Param('id', ParseIdPipe) id: number): Promise<OrderView> {
    return this.orders.find(id);
  }
}
