import { DataSourceOptions } from 'typeorm';
import { Customer } from './customer.entity';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';
import { Product } from './product.entity';

const entities = [Customer, Product, Order, OrderItem];

/**
 * `sqlite:/path.db` or `postgres://…`. The tables exist already (the sample created them), so
 * nothing is synchronized. SQLite gets the pragmas the registers connection uses.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  if (url.startsWith('sqlite:')) {
    return {
      type: 'better-sqlite3',
      database: url.slice('sqlite:'.length),
      entities,
      enableWAL: true,
      timeout: 5000,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { type: 'postgres', url, entities };
  }
  throw new Error(`unsupported database URL: ${url}`);
}
