import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreateOrderDto } from './create-order.dto';
import { Customer } from './customer.entity';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';
import { Product } from './product.entity';

export interface OrderView {
  id: number;
  customerId: number;
  total: number;
  createdAt: Date;
  items: Array<{ productId: number; quantity: number; unitPrice: number; lineTotal: number }>;
}

@Injectable()
export class OrdersService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One transaction: 404 for an unknown customer or product, 409 when a product lacks the
   * stock, and any error rolls every decrement back. Products are locked in id order, and the
   * conditional UPDATE never lets concurrent orders oversell. Money is summed in cents.
   */
  create(body: CreateOrderDto): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const customer = await manager.findOneBy(Customer, { id: body.customerId });
      if (!customer) throw new NotFoundException(`Customer with id ${body.customerId} not found`);
      const now = new Date();
      const unitCents = new Map<number, number>();
      for (const line of [...body.items].sort((a, b) => a.productId - b.productId)) {
        const { affected } = await manager
          .createQueryBuilder()
          .update(Product)
          .set({ stock: () => 'stock - :quantity', updatedAt: now })
          .where('id = :id AND stock >= :quantity', { id: line.productId, quantity: line.quantity })
          .execute();
        const product = await manager.findOneBy(Product, { id: line.productId });
        if (!product) throw new NotFoundException(`Product with id ${line.productId} not found`);
        if (!affected) {
          throw new ConflictException(
            `Product ${line.productId} has ${product.stock} in stock, ${line.quantity} requested`,
          );
        }
        unitCents.set(line.productId, Math.round(product.price * 100));
      }
      const lines = body.items.map((line) => {
        const unit = unitCents.get(line.productId)!;
        return {
          productId: line.productId,
          quantity: line.quantity,
          unit,
          cents: unit * line.quantity,
        };
      });
      const totalCents = lines.reduce((sum, line) => sum + line.cents, 0);
      const inserted = await manager.insert(Order, {
        customerId: body.customerId,
        total: totalCents / 100,
        createdAt: now,
      });
      const orderId = inserted.identifiers[0].id as number;
      const items = lines.map((line) => ({
        orderId,
        productId: line.productId,
        quantity: line.quantity,
        unitPrice: line.unit / 100,
        lineTotal: line.cents / 100,
      }));
      await manager.insert(OrderItem, items);
      return {
        id: orderId,
        customerId: body.customerId,
        total: totalCents / 100,
        createdAt: now,
        items: items.map(({ productId, quantity, unitPrice, lineTotal }) => ({
          productId,
          quantity,
          unitPrice,
          lineTotal,
        })),
      };
    });
  }
}
