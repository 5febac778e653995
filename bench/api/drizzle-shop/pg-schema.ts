import { integer, numeric, pgTable, serial, timestamp, varchar } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** `numeric` read as a JS number (node-postgres returns numerics as strings). */
const money = (name: string) => numeric(name, { precision: 12, scale: 2, mode: 'number' });

/** The sample's tables as Drizzle's PostgreSQL schema (no migrations: the sample created them). */
export const customers = pgTable('customers', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  email: varchar('email', { length: 254 }).notNull().unique(),
  password: varchar('password', { length: 255 }).notNull(),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const products = pgTable('products', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 200 }).notNull(),
  price: money('price').notNull(),
  stock: integer('stock').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const orders = pgTable('orders', {
  id: serial('id').primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  total: money('total').notNull(),
  createdAt: timestamptz('created_at').notNull(),
});

export const orderItems = pgTable('order_items', {
  id: serial('id').primaryKey(),
  orderId: integer('order_id')
    .notNull()
    .references(() => orders.id),
  productId: integer('product_id')
    .notNull()
    .references(() => products.id),
  quantity: integer('quantity').notNull(),
  unitPrice: money('unit_price').notNull(),
  lineTotal: money('line_total').notNull(),
});
