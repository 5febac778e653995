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
import { ApiMember, ApiNote, ApiProduct, ApiTag } from './api-models';
import { tenantScope } from '../../src/manager/scopes/tenant-scope';

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
  { model: ApiNote, path: 'notes', filterable: ['body'] },
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
  // The tenant of a request is its x-org header; the whole request runs in its scope.
  app.use((req: any, res: any, next: () => void) => {
    const org = req.headers['x-org'];
    if (typeof org !== 'string') return next();
    void tenantScope(
      org,
      () =>
        new Promise<void>((done) => {
          res.on('close', done);
          next();
        }),
    );
  });
  await app.init();
  return app;
}
