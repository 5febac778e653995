import { ConflictException, NotFoundException } from '@nestjs/common';
import { CreateOrderDto } from './create-order.dto';
import { OrderLineView } from './shop-store';

/** The order's lines in product id order: the order both stores lock products in. */
export function linesByProduct(body: CreateOrderDto): CreateOrderDto['items'] {
  return [...body.items].sort((a, b) => a.productId - b.productId);
}

/** Why a line's conditional stock UPDATE matched no row: no such product (404), or too few (409). */
export function stockRefusal(
  line: { productId: number; quantity: number },
  product: { stock: number } | undefined,
): Error {
  if (!product) return new NotFoundException(`Product with id ${line.productId} not found`);
  return new ConflictException(
    `Product ${line.productId} has ${product.stock} in stock, ${line.quantity} requested`,
  );
}

/** The lines in request order with their prices, and the total, all computed in cents. */
export function priceLines(
  body: CreateOrderDto,
  unitCents: Map<number, number>,
): { lines: OrderLineView[]; total: number } {
  let totalCents = 0;
  const lines = body.items.map((line) => {
    const unit = unitCents.get(line.productId)!;
    const cents = unit * line.quantity;
    totalCents += cents;
    return {
      productId: line.productId,
      quantity: line.quantity,
      unitPrice: unit / 100,
      lineTotal: cents / 100,
    };
  });
  return { lines, total: totalCents / 100 };
}

export function customerNotFound(id: number): NotFoundException {
  return new NotFoundException(`Customer with id ${id} not found`);
}
