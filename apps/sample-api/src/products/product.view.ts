import { ViewDto } from '@registers/db/swagger';
import { Product } from './product.model';

/** A product as the API answers it: every field of Product, prices at two decimals. */
export class ProductView extends ViewDto(Product) {}
