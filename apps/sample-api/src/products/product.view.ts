import { ApiProperty } from '@nestjs/swagger';
import { ViewDto } from '@registers/db/swagger';
import { PageFieldsView } from '../common/view-fields';
import { Product } from './product.model';

/** A product as the API answers it: every field of Product, prices at two decimals. */
export class ProductView extends ViewDto(Product) {}

export class ProductPageView extends PageFieldsView {
  @ApiProperty({ type: [ProductView] }) items!: ProductView[];
}
