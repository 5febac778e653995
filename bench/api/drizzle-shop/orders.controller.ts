import { Body, Controller, Post } from '@nestjs/common';
import { CreateOrderDto } from './create-order.dto';
import { OrderView, ShopStore } from './shop-store';

@Controller('orders')
export class OrdersController {
  constructor(private readonly store: ShopStore) {}

  @Post()
  create(@Body() body: CreateOrderDto): Promise<OrderView> {
    return this.store.createOrder(body);
  }
}
