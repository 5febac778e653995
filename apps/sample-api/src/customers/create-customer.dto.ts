import { CreateDto } from '@registers/db/swagger';
import { withCustomerRequestRules } from './customer-requests';
import { Customer } from './customer.model';

/** `POST /customers`: `{ name, email, password }`, Customer's rules plus the request-only ones. */
export class CreateCustomerDto extends withCustomerRequestRules(CreateDto(Customer)) {}
