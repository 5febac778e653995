import { ApiProperty } from '@nestjs/swagger';
import { Field, Model } from '@registers/db';
import { IsEmail } from 'class-validator';
import { MaxChars } from '../common/char-length-rules';
import { IdRules, STORED_AS_SENT, TextRules } from '../common/model-rules';

/**
 * A shop customer (`customers`); the password is stored as a PBKDF2 hash, never as given. Its
 * rules describe the plain password (the manager does not hold a stored hash to them).
 * Request-only rules (email normalization, refusing hash-shaped passwords) are in
 * `customer-requests.ts`.
 */
@Model({ table: 'customers', timestamps: true })
export class Customer {
  @Field({ id: 'autoincrement' })
  @IdRules()
  @ApiProperty({ example: 1 })
  id?: number;

  @Field({ length: 100 })
  @TextRules(100)
  @ApiProperty({ example: 'Ada Lovelace', description: STORED_AS_SENT })
  name!: string;

  // Type check first: IsEmail is registered before MaxChars (decorators apply bottom-up).
  @Field({ unique: true, length: 254 })
  @MaxChars(254)
  @IsEmail()
  @ApiProperty({ example: 'ada@example.com' })
  email!: string;

  @Field({ hashPassword: true })
  @TextRules(128, 8)
  @ApiProperty({ example: 'correct horse battery', description: 'Stored as a hash.' })
  password!: string;

  /** Set by the registry (`timestamps: true`); declared here only for the type. */
  declare createdAt?: Date;
  declare updatedAt?: Date;
}
