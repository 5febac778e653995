import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimal } from './decimal.transformer';

/** The sample's `products` table. */
@Entity({ name: 'products' })
export class Product {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 200 })
  name!: string;

  @Column('decimal', { precision: 12, scale: 2, transformer: decimal })
  price!: number;

  @Column('int')
  stock!: number;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
