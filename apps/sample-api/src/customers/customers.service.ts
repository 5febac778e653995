import { Injectable } from '@nestjs/common';
import { InjectManager, Manager, RecordNotFoundError } from '@registers/db';
import { CreateCustomerDto } from './create-customer.dto';
import { Customer } from './customer.model';
import { UpdateCustomerDto } from './update-customer.dto';

@Injectable()
export class CustomersService {
  constructor(@InjectManager(Customer) private readonly customers: Manager<Customer>) {}

  /** A duplicate email raises UniqueConstraintError (409 through the exception filter). */
  create(body: CreateCustomerDto): Promise<Customer> {
    return this.customers.create({ name: body.name, email: body.email, password: body.password });
  }

  find(id: number): Promise<Customer> {
    return this.customers.require(id);
  }

  async update(id: number, body: UpdateCustomerDto): Promise<Customer> {
    const changes: Partial<Customer> = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.email !== undefined) changes.email = body.email;
    if (body.password !== undefined) changes.password = body.password;
    if (Object.keys(changes).length === 0) return this.find(id);
    const [updated] = await this.customers.updateWhere({ id }, changes);
    if (!updated) throw notFound(id, 'update');
    return updated;
  }

  async remove(id: number): Promise<void> {
    if (!(await this.customers.delete(id))) throw notFound(id, 'delete');
  }
}

function notFound(id: number, operation: string): RecordNotFoundError {
  return new RecordNotFoundError(`Customer with id ${id} not found`, {
    model: 'Customer',
    operation,
  });
}
