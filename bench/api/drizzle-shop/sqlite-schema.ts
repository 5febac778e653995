import { customType, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The sample stores SQLite datetimes as ISO 8601 text (`2026-01-02T03:04:05.678Z`). */
const isoDatetime = customType<{ data: Date; driverData: string }>({
  dataType: () => 'datetime',
  toDriver: (value) => value.toISOString(),
  fromDriver: (value) => new Date(value),
});

/** The sample's tables as Drizzle's SQLite schema (no migrations: the sample created them). */
export const customers = sqliteTable('customers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name', { length: 100 }).notNull(),
  email: text('email', { length: 254 }).notNull().unique(),
  password: text('password', { length: 255 }).notNull(),
  createdAt: isoDatetime('created_at').notNull(),
  updatedAt: isoDatetime('updated_at').notNull(),
});

export const products = sqliteTable('products', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name', { length: 200 }).notNull(),
  price: real('price').notNull(),
  stock: integer('stock').notNull(),
  createdAt: isoDatetime('created_at').notNull(),
  updatedAt: isoDatetime('updated_at').notNull(),
});

export const orders = sqliteTable('orders', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  total: real('total').notNull(),
  createdAt: isoDatetime('created_at').notNull(),
});

export const orderItems = sqliteTable('order_items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orderId: integer('order_id')
    .notNull()
    .references(() => orders.id),
  productId: integer('product_id')
    .notNull()
    .references(() => products.id),
  quantity: integer('quantity').notNull(),
  unitPrice: real('unit_price').notNull(),
  lineTotal: real('line_total').notNull(),
});
