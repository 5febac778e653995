import { ApiProperty } from '@nestjs/swagger';
import { money } from '../common/money';
import type { Product } from './product.model';

export class ProductView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Teapot' }) name!: string;
  @ApiProperty({ example: 19.99 }) price!: number;
  @ApiProperty({ example: 10 }) stock!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ProductPageView {
  @ApiProperty({ type: [ProductView] }) items!: ProductView[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

export function toProductView(product: Product): ProductView {
  return {
    id: product.id!,
    name: product.name,
    price: money(product.price),
    stock: product.stock,
    createdAt: product.createdAt!,
    updatedAt: product.updatedAt!,
  };
}
