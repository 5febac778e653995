import { Field, Model } from '@registers/db';
import { IsInt, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PRICE } from '../common/limits';
import { HasAtMostTwoDecimals } from '../common/money-rules';

/** A product (`products`); the price is a `decimal(12, 2)`. */
@Model({ table: 'products', timestamps: true })
export class Product {
  @Field({ id: 'autoincrement' })
  id?: number;

  @Field({ length: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @Field({ precision: 12, scale: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(MAX_PRICE)
  price!: number;

  @Field()
  @IsInt()
  @Min(0)
  stock!: number;

  /** Set by the registry (`timestamps: true`); declared here only for the type. */
  declare createdAt?: Date;
  declare updatedAt?: Date;
}
