import { ApiProperty } from '@nestjs/swagger';
import { Field, Model } from '@registers/db';
import { IsDate } from 'class-validator';
import { IdRules, IntegerRules, MoneyDocs, MoneyRules } from '../common/model-rules';

/** An order (`orders`): its customer, total and creation time; lines are OrderItems. */
@Model({ table: 'orders' })
export class Order {
  @Field({ id: 'autoincrement' })
  @IdRules()
  @ApiProperty({ example: 1 })
  id?: number;

  @Field({ foreignKey: 'customers.id', index: true })
  @IntegerRules(1)
  @ApiProperty({ example: 1 })
  customerId!: number;

  @Field({ precision: 12, scale: 2 })
  @MoneyRules()
  @MoneyDocs(39.98)
  total!: number;

  @Field()
  @IsDate()
  createdAt!: Date;
}
