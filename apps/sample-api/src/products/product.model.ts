import { ApiProperty } from '@nestjs/swagger';
import { Field, Model } from '@registers/db';
import {
  IdRules,
  IntegerRules,
  MoneyDocs,
  MoneyRules,
  STORED_AS_SENT,
  TextRules,
} from '../common/model-rules';

/**
 * A product (`products`); the price is a `decimal(12, 2)`. Every rule of a product is
 * declared here, once: the request bodies and views derive from this class
 * (`CreateDto(Product)`, `ViewDto(Product)`).
 */
@Model({ table: 'products', timestamps: true })
export class Product {
  @Field({ id: 'autoincrement' })
  @IdRules()
  @ApiProperty({ example: 1 })
  id?: number;

  @Field({ length: 200 })
  @TextRules(200)
  @ApiProperty({ example: 'Teapot', description: STORED_AS_SENT })
  name!: string;

  @Field({ precision: 12, scale: 2 })
  @MoneyRules()
  @MoneyDocs(19.99)
  price!: number;

  @Field()
  @IntegerRules(0)
  @ApiProperty({ example: 10 })
  stock!: number;

  /** Set by the registry (`timestamps: true`); declared here only for the type. */
  declare createdAt?: Date;
  declare updatedAt?: Date;
}
