import { ApiProperty } from '@nestjs/swagger';
import { MAX_ID } from '../common/limits';
import type { Customer } from './customer.model';

/** A customer as the API returns it: never the password or its hash. */
export class CustomerView {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_ID, example: 1 }) id!: number;
  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100 }) name!: string;
  @ApiProperty({ example: 'ada@example.com', format: 'email', maxLength: 254 }) email!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** Picks the public fields explicitly, so a field added to the model stays private until listed here. */
export function toCustomerView(customer: Customer): CustomerView {
  return {
    id: customer.id!,
    name: customer.name,
    email: customer.email,
    createdAt: customer.createdAt!,
    updatedAt: customer.updatedAt!,
  };
}
