import { Field, Model } from '@registers/db';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { MAX_PRICE } from '../common/limits';
import { HasAtMostTwoDecimals } from '../common/money-rules';

/** One line of an order (`order_items`), with the unit price at the time of the order. */
@Model({ table: 'order_items' })
export class OrderItem {
  @Field({ id: 'autoincrement' })
  id?: number;

  @Field({ foreignKey: 'orders.id', index: true })
  @IsInt()
  orderId!: number;

  @Field({ foreignKey: 'products.id', index: true })
  @IsInt()
  productId!: number;

  @Field()
  @IsInt()
  @Min(1)
  quantity!: number;

  @Field({ precision: 12, scale: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(MAX_PRICE)
  unitPrice!: number;

  @Field({ precision: 12, scale: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(MAX_PRICE)
  lineTotal!: number;
}
