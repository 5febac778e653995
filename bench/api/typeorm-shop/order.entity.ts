import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimal } from './decimal.transformer';

/** The sample's `orders` table. */
@Entity({ name: 'orders' })
export class Order {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('int', { name: 'customer_id' })
  customerId!: number;

  @Column('decimal', { precision: 12, scale: 2, transformer: decimal })
  total!: number;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
