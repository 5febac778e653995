import { Field, Model } from '@registers/db';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A shop customer (`customers`); the password is stored as a PBKDF2 hash, never as given. */
@Model({ table: 'customers', timestamps: true })
export class Customer {
  @Field({ id: 'autoincrement' })
  id?: number;

  @Field({ length: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @Field({ unique: true, length: 254 })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field({ hashPassword: true })
  @IsString()
  password!: string;

  /** Set by the registry (`timestamps: true`); declared here only for the type. */
  declare createdAt?: Date;
  declare updatedAt?: Date;
}
