/** An application adopting RegistersCrudModule with its own query names, order, validation and error body. */
import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  type INestApplication,
  Injectable,
  type PipeTransform,
  ValidationPipe,
} from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Test } from '@nestjs/testing';
import { RegistersCrudModule } from '../../src/crud';
import { RegistersDbModule } from '../../src/nest/registers-db.module';
import { ApiProduct } from './api-models';

/** The application's own 4xx body. */
export class AppError {
  @ApiProperty({ type: 'integer' }) statusCode!: number;
  @ApiProperty({ type: [String] }) message!: string[];
}

/** The application's own `:id` rule: digits only, answered with its own 400 body. */
@Injectable()
export class DigitsOnlyId implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d+$/.test(value))
      throw new BadRequestException({
        statusCode: 400,
        message: ['id must be digits'],
        fields: ['id'],
      });
    return Number(value);
  }
}

export const CATALOG = {
  model: ApiProduct,
  path: 'catalog',
  filterable: { status: ['eq'] as const },
  filters: { minPrice: 'price__gte', maxPrice: 'price__lte', q: 'name__icontains' },
  sortable: ['price'],
  defaultOrder: '-id',
  validation: 'app' as const,
  errorResponse: AppError,
  idPipes: [DigitsOnlyId],
};

const toNumber = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value,
  );

/** The list query of `/shop`: the application's names, bounds, defaults and messages. */
export class ShopQuery {
  @ApiPropertyOptional({ type: 'number', minimum: 0, maximum: 1000 })
  @IsOptional()
  @toNumber()
  @IsNumber()
  @Min(0)
  @Max(1000)
  minPrice?: number;

  @ApiPropertyOptional({ maxLength: 10 })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  q?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @toNumber()
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 20;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @toNumber()
  @IsInt()
  @Min(0)
  offset: number = 0;
}

export const SHOP = {
  model: ApiProduct,
  path: 'shop',
  operations: ['list'] as const,
  filters: { minPrice: 'price__gte', q: 'name__icontains' },
  defaultOrder: '-id',
  validation: 'app' as const,
  query: ShopQuery,
  errorResponse: AppError,
  errorStatuses: [413, 415],
};

export async function crudOptionsApp(url: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      RegistersDbModule.forRoot({ url, encryption: { key: randomBytes(32) } }),
      RegistersCrudModule.forFeature([CATALOG, SHOP]),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException({
          statusCode: 400,
          message: errors.flatMap((e) => Object.values(e.constraints ?? {})),
          fields: errors.map((e) => e.property),
        }),
    }),
  );
  await app.init();
  return app;
}
