import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { customerNotFound } from './order-lines';
import { CustomerView, ShopStore } from './shop-store';

@Controller('customers')
export class CustomersController {
  constructor(private readonly store: ShopStore) {}

  /** The store selects the listed columns only, so the hash never leaves the database. */
  @Get(':id')
  async find(@Param('id', ParseIntPipe) id: number): Promise<CustomerView> {
    const customer = await this.store.findCustomer(id);
    if (!customer) throw customerNotFound(id);
    return customer;
  }
}
