/** An application adopting RegistersCrudModule with its own query names, order, validation and error body. */
import { randomBytes } from 'node:crypto';
import { BadRequestException, type INestApplication, ValidationPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { RegistersCrudModule } from '../../src/crud';
import { RegistersDbModule } from '../../src/nest/registers-db.module';
import { ApiProduct } from './api-models';

/** The application's own 4xx body. */
export class AppError {
  @ApiProperty({ type: 'integer' }) statusCode!: number;
  @ApiProperty({ type: [String] }) message!: string[];
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
};

export async function crudOptionsApp(url: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      RegistersDbModule.forRoot({ url, encryption: { key: randomBytes(32) } }),
      RegistersCrudModule.forFeature([CATALOG]),
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
