import { Field, Model } from '@registers/db';
import { IsDate, IsInt, IsNumber, Max, Min } from 'class-validator';
import { MAX_PRICE } from '../common/limits';
import { HasAtMostTwoDecimals } from '../common/money-rules';

/** An order (`orders`): its customer, total and creation time; lines are OrderItems. */
@Model({ table: 'orders' })
export class Order {
  @Field({ id: 'autoincrement' })
  id?: number;

  @Field({ foreignKey: 'customers.id', index: true })
  @IsInt()
  customerId!: number;

  @Field({ precision: 12, scale: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(MAX_PRICE)
  total!: number;

  @Field()
  @IsDate()
  createdAt!: Date;
}
