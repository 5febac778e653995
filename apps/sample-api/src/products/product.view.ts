import { ApiProperty } from '@nestjs/swagger';
import { money } from '../common/money';
import { CountView, IdView, MoneyView, PageFieldsView } from '../common/view-fields';
import type { Product } from './product.model';

export class ProductView {
  @IdView() id!: number;
  @ApiProperty({ example: 'Teapot', minLength: 1, maxLength: 200 }) name!: string;
  @MoneyView(19.99) price!: number;
  @CountView(10) stock!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ProductPageView extends PageFieldsView {
  @ApiProperty({ type: [ProductView] }) items!: ProductView[];
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
