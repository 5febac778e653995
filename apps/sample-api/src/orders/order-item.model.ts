import { Field, Model } from '@registers/db';
import { IsInt, IsNumber, Min } from 'class-validator';

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
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  unitPrice!: number;

  @Field({ precision: 12, scale: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  lineTotal!: number;
}
