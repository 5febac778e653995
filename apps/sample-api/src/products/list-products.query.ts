import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PRICE } from '../common/limits';
import { PageQuery } from '../common/page.query';
import { QueryDecimal } from '../common/query-values';

/** `GET /products?limit&offset&minPrice&maxPrice&q`. */
export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Inclusive lower bound of the price.' })
  @IsOptional()
  @QueryDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_PRICE)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Inclusive upper bound of the price.' })
  @IsOptional()
  @QueryDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_PRICE)
  maxPrice?: number;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
