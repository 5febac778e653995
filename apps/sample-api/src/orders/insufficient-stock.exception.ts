import { ConflictException } from '@nestjs/common';

/** 409: a product has fewer units than an order line asks for; the order is rolled back. */
export class InsufficientStockException extends ConflictException {
  constructor(productId: number, requested: number, available: number) {
    super({
      statusCode: 409,
      error: 'InsufficientStock',
      message: `Product ${productId} has ${available} in stock, ${requested} requested`,
      context: { productId, requested, available },
    });
  }
}
