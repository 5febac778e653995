import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller';
import { OrdersController } from './orders.controller';
import { PgShopStore } from './pg-shop-store';
import { ShopStore } from './shop-store';
import { SqliteShopStore } from './sqlite-shop-store';

/** `sqlite:/path.db` or `postgres://…`; the tables exist already (the sample created them). */
function openStore(url: string): ShopStore {
  if (url.startsWith('sqlite:')) return new SqliteShopStore(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return new PgShopStore(url);
  throw new Error(`unsupported database URL: ${url}`);
}

@Module({
  controllers: [CustomersController, OrdersController],
  providers: [
    {
      provide: ShopStore,
      useFactory: () => openStore(process.env.DATABASE_URL ?? 'sqlite:data/shop.db'),
    },
  ],
})
export class ShopModule {}
