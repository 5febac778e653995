import { CustomerEmail, CustomerName, CustomerPassword } from './customer-fields';

export class CreateCustomerDto {
  @CustomerName()
  name!: string;

  @CustomerEmail()
  email!: string;

  @CustomerPassword()
  password!: string;
}
