import { UpdateDto } from '@registers/db/swagger';
import { withCustomerRequestRules } from './customer-requests';
import { Customer } from './customer.model';

/** `PATCH /customers/:id`: every field optional; the ones given are validated like on create. */
export class UpdateCustomerDto extends withCustomerRequestRules(UpdateDto(Customer)) {}
