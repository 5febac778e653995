import { IntegerField, MoneyField, TextField } from '../common/field-rules';
import { MAX_ID } from '../common/limits';

export class CreateProductDto {
  @TextField({
    example: 'Teapot',
    maxLength: 200,
    description:
      'Stored exactly as sent (not trimmed); well-formed text (no NUL, no unpaired surrogates).',
  })
  name!: string;

  @MoneyField(19.99)
  price!: number;

  @IntegerField({ example: 10, minimum: 0, maximum: MAX_ID })
  stock!: number;
}
