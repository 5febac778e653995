import { Module } from '@nestjs/common';
import { RegistersDbModule } from '@registers/db';
import { Customer } from '../customers/customer.model';
import { Product } from '../products/product.model';
import { OrderItem } from './order-item.model';
import { Order } from './order.model';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [RegistersDbModule.forFeature([Customer, Product, Order, OrderItem])],
  controllers: [OrdersController],
  providers: [OrdersService],
})
export class OrdersModule {}
