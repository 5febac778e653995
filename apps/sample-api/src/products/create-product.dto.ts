import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID, MAX_PRICE } from '../common/limits';
import { HasAtMostTwoDecimals } from '../common/money-rules';

export class CreateProductDto {
  @ApiProperty({
    example: 'Teapot',
    minLength: 1,
    maxLength: 200,
    description:
      'Stored exactly as sent (not trimmed); well-formed text (no NUL, no unpaired surrogates).',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 19.99,
    minimum: 0,
    maximum: MAX_PRICE,
    description: 'At most two decimals (any JSON notation: `1e2` is 100, `1e-7` is refused).',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(MAX_PRICE)
  price!: number;

  @ApiProperty({ example: 10, minimum: 0, maximum: MAX_ID })
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  stock!: number;
}
