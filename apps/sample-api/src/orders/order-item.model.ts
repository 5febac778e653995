import { ApiProperty } from '@nestjs/swagger';
import { Field, Model } from '@registers/db';
import { MAX_LINE_QUANTITY } from '../common/limits';
import { IdRules, IntegerRules, MoneyDocs, MoneyRules } from '../common/model-rules';

/** One line of an order (`order_items`), with the unit price at the time of the order. */
@Model({ table: 'order_items' })
export class OrderItem {
  @Field({ id: 'autoincrement' })
  @IdRules()
  @ApiProperty({ example: 1 })
  id?: number;

  @Field({ foreignKey: 'orders.id', index: true })
  @IntegerRules(1)
  @ApiProperty({ example: 1 })
  orderId!: number;

  @Field({ foreignKey: 'products.id', index: true })
  @IntegerRules(1)
  @ApiProperty({ example: 1 })
  productId!: number;

  @Field()
  @IntegerRules(1, MAX_LINE_QUANTITY)
  @ApiProperty({ example: 2 })
  quantity!: number;

  @Field({ precision: 12, scale: 2 })
  @MoneyRules()
  @MoneyDocs(19.99)
  unitPrice!: number;

  @Field({ precision: 12, scale: 2 })
  @MoneyRules()
  @MoneyDocs(39.98)
  lineTotal!: number;
}
