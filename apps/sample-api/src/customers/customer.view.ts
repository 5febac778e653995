import { ViewDto } from '@registers/db/swagger';
import { Customer } from './customer.model';

/**
 * A customer as the API answers it: `ViewDto` leaves out the password (a hash) whatever the
 * model adds, so no response can carry it.
 */
export class CustomerView extends ViewDto(Customer) {}
