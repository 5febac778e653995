import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID, MAX_PRICE } from '../common/limits';

export class CreateProductDto {
  @ApiProperty({ example: 'Teapot', maxLength: 200 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 19.99,
    minimum: 0,
    maximum: MAX_PRICE,
    description: 'At most two decimals.',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_PRICE)
  price!: number;

  @ApiProperty({ example: 10, minimum: 0, maximum: MAX_ID })
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  stock!: number;
}
