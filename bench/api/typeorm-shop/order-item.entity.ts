import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimal } from './decimal.transformer';

/** The sample's `order_items` table. */
@Entity({ name: 'order_items' })
export class OrderItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('int', { name: 'order_id' })
  orderId!: number;

  @Column('int', { name: 'product_id' })
  productId!: number;

  @Column('int')
  quantity!: number;

  @Column('decimal', { name: 'unit_price', precision: 12, scale: 2, transformer: decimal })
  unitPrice!: number;

  @Column('decimal', { name: 'line_total', precision: 12, scale: 2, transformer: decimal })
  lineTotal!: number;
}
