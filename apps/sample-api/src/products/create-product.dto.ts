import { CreateDto } from '@registers/db/swagger';
import { Product } from './product.model';

/** `POST /products`: `{ name, price, stock }`, with the rules and schema of Product's fields. */
export class CreateProductDto extends CreateDto(Product) {}
