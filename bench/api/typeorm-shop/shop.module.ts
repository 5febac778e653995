import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Customer } from './customer.entity';
import { CustomersController } from './customers.controller';
import { dataSourceOptions } from './data-source-options';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [
    TypeOrmModule.forRoot(dataSourceOptions(process.env.DATABASE_URL ?? 'sqlite:data/shop.db')),
    TypeOrmModule.forFeature([Customer]),
  ],
  controllers: [CustomersController, OrdersController],
  providers: [OrdersService],
})
export class ShopModule {}
