import { Field, Model } from '@registers/db';
import { IsDate, IsInt, IsNumber, Min } from 'class-validator';

/** An order (`orders`): its customer, total and creation time; lines are OrderItems. */
@Model({ table: 'orders' })
export class Order {
  @Field({ id: 'autoincrement' })
  id?: number;

  @Field({ foreignKey: 'customers.id', index: true })
  @IsInt()
  customerId!: number;

  @Field({ precision: 12, scale: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  total!: number;

  @Field()
  @IsDate()
  createdAt!: Date;
}
