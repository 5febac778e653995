import { UnprocessableEntityException } from '@nestjs/common';
import { formatCents, MAX_AMOUNT_CENTS } from '../common/money';

/**
 * 422: at the current prices the order's total would not fit its `decimal(12, 2)` column;
 * the order is rolled back. The total is computed, not sent, so it is named in the message.
 */
export class OrderTotalTooLargeException extends UnprocessableEntityException {
  constructor(totalCents: bigint) {
    const maxTotal = formatCents(MAX_AMOUNT_CENTS);
    super({
      statusCode: 422,
      error: 'OrderTotalTooLarge',
      message:
        `The order total would be ${formatCents(totalCents)}, above the ${maxTotal} an order ` +
        'can hold; order fewer units or split the order',
      context: { total: formatCents(totalCents), maxTotal },
    });
  }
}
