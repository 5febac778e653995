import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiErrors } from '../docs/api-errors.decorator';
import { ApiIdParam } from '../docs/api-id-param.decorator';
import { CreateCustomerDto } from './create-customer.dto';
import { toView } from '@registers/db/swagger';
import { CustomerView } from './customer.view';
import { CustomersService } from './customers.service';
import { UpdateCustomerDto } from './update-customer.dto';

const EMAIL_TAKEN: [number, string] = [409, 'The email is taken.'];

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @ApiOperation({ summary: 'Sign up a customer' })
  @ApiCreatedResponse({ type: CustomerView })
  @ApiErrors(EMAIL_TAKEN)
  async create(@Body() body: CreateCustomerDto): Promise<CustomerView> {
    return toView(CustomerView, await this.customers.create(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a customer' })
  @ApiIdParam()
  @ApiOkResponse({ type: CustomerView })
  @ApiErrors(404)
  async find(@Param('id', ParseIdPipe) id: number): Promise<CustomerView> {
    return toView(CustomerView, await this.customers.find(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a customer’s name, email or password' })
  @ApiIdParam()
  @ApiOkResponse({ type: CustomerView })
  @ApiErrors(404, EMAIL_TAKEN)
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateCustomerDto,
  ): Promise<CustomerView> {
    return toView(CustomerView, await this.customers.update(id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a customer without orders' })
  @ApiIdParam()
  @ApiNoContentResponse({ description: 'Deleted; the body is empty.' })
  @ApiErrors(404, [409, 'The customer has orders.'])
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.customers.remove(id);
  }
}
