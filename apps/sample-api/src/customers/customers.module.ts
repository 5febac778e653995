import { Module } from '@nestjs/common';
import { RegistersDbModule } from '@registers/db';
import { Customer } from './customer.model';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

@Module({
  imports: [RegistersDbModule.forFeature([Customer])],
  controllers: [CustomersController],
  providers: [CustomersService],
})
export class CustomersModule {}
