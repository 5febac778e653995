import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The sample's `customers` table; the password hash is never selected unless asked for. */
@Entity({ name: 'customers' })
export class Customer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 100 })
  name!: string;

  @Column({ length: 254, unique: true })
  email!: string;

  @Column({ select: false })
  password!: string;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
