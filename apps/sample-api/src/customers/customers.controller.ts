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
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreateCustomerDto } from './create-customer.dto';
import { CustomerView, toCustomerView } from './customer.view';
import { CustomersService } from './customers.service';
import { UpdateCustomerDto } from './update-customer.dto';

@ApiTags('customers')
@ApiBadRequestResponse({
  description: 'Invalid body or id; `issues` lists the messages per field.',
})
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @ApiCreatedResponse({ type: CustomerView })
  @ApiConflictResponse({ description: 'The email is taken.' })
  async create(@Body() body: CreateCustomerDto): Promise<CustomerView> {
    return toCustomerView(await this.customers.create(body));
  }

  @Get(':id')
  @ApiOkResponse({ type: CustomerView })
  @ApiNotFoundResponse()
  async find(@Param('id', ParseIdPipe) id: number): Promise<CustomerView> {
    return toCustomerView(await this.customers.find(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: CustomerView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The email is taken.' })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateCustomerDto,
  ): Promise<CustomerView> {
    return toCustomerView(await this.customers.update(id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The customer has orders.' })
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.customers.remove(id);
  }
}
