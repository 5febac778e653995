import { MAX_AMOUNT_CENTS } from '../common/money';
import type { OrderLineDto } from './create-order.dto';
import { OrderTotalTooLargeException } from './order-total-too-large.exception';

export interface PricedLine {
  productId: number;
  quantity: number;
  unitCents: number;
  lineCents: number;
}

/**
 * Prices the order's lines in whole cents and checks the total fits `decimal(12, 2)` (the
 * columns of `orders.total` and `order_items.line_total`). Products are at most
 * 9999999999.99 and quantities at most 10000, so a line can reach 10^16 cents, past 2^53:
 * the sums run on BigInt and turn into numbers only once they are known to fit, where every
 * count of cents is exact.
 */
export function priceLines(
  lines: OrderLineDto[],
  unitCents: ReadonlyMap<number, number>,
): { lines: PricedLine[]; totalCents: number } {
  let total = 0n;
  for (const line of lines) total += BigInt(unitCents.get(line.productId)!) * BigInt(line.quantity);
  if (total > MAX_AMOUNT_CENTS) throw new OrderTotalTooLargeException(total);
  const priced = lines.map((line) => {
    const unit = unitCents.get(line.productId)!;
    return {
      productId: line.productId,
      quantity: line.quantity,
      unitCents: unit,
      lineCents: unit * line.quantity,
    };
  });
  return { lines: priced, totalCents: Number(total) };
}
