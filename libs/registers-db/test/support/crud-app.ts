/** A Nest application serving the API models through RegistersCrudModule, for the CRUD suites. */
import { randomBytes } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
  Injectable,
  ValidationPipe,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RegistersCrudModule } from '../../src/crud';
import { RegistersDbModule } from '../../src/nest/registers-db.module';
import { ApiMember, ApiProduct, ApiTag } from './api-models';

/** Lets a request through only with `x-role: admin`. */
@Injectable()
export class AdminOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest().headers['x-role'] === 'admin';
  }
}

export const PRODUCT_FILTERS = [
  'name',
  'price',
  'stock',
  'status',
  'featured',
  'views',
  'launchedOn',
  'createdAt',
] as const;

export const CRUD_RESOURCES = [
  {
    model: ApiProduct,
    path: 'products',
    filterable: PRODUCT_FILTERS,
    sortable: ['price', 'name', 'stock'],
    guards: { delete: [AdminOnly] },
  },
  {
    model: ApiMember,
    path: 'members',
    operations: ['list', 'get', 'create', 'update'] as const,
    filterable: { email: ['eq', 'icontains'] as const },
  },
  { model: ApiTag, path: 'tags', operations: ['list', 'get', 'create'] as const },
];

export async function crudApp(url: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      RegistersDbModule.forRoot({ url, encryption: { key: randomBytes(32) } }),
      RegistersCrudModule.forFeature(CRUD_RESOURCES),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  // An application-wide pipe, as most apps have: the routes' own validation still decides.
  app.useGlobalPipes(new ValidationPipe({ transform: true }));
  await app.init();
  return app;
}
