import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CustomerEmail, CustomerName, CustomerPassword } from './customer-fields';

/** Every field optional; the ones given are validated like on create. */
export class UpdateCustomerDto {
  @ApiPropertyOptional()
  @IsOptional()
  @CustomerName()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @CustomerEmail()
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @CustomerPassword()
  password?: string;
}
