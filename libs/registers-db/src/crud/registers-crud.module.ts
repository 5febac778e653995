import { type DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_REGISTRY_NAME } from '../constants';
import { RegistersDbModule } from '../nest/registers-db.module';
import type { CrudResource } from './crud-options.interface';
import { crudController } from './crud-controller.factory';
import { resolveResource } from './crud-resource';
import { checkQueryClass } from './query-class';

/**
 * HTTP routes for models: `RegistersCrudModule.forFeature([{ model: Product, path: 'products' }])`
 * serves GET/POST /products and GET/PATCH/DELETE /products/:id, validated with the model's
 * rules and documented for Swagger. Needs `RegistersDbModule.forRoot` in the application.
 */
@Module({})
export class RegistersCrudModule {
  static forFeature(resources: CrudResource[]): DynamicModule {
    const resolved = resources.map(resolveResource);
    resolved.forEach(checkQueryClass);
    const byRegistry = new Map<string, CrudResource['model'][]>();
    for (const { options } of resolved) {
      const name = options.registry ?? DEFAULT_REGISTRY_NAME;
      byRegistry.set(name, [...(byRegistry.get(name) ?? []), options.model]);
    }
    return {
      module: RegistersCrudModule,
      imports: [...byRegistry].map(([name, models]) => RegistersDbModule.forFeature(models, name)),
      controllers: resolved.map((r) =>
        crudController(r, resolved.filter((o) => o.meta.target === r.meta.target).length > 1),
      ),
    };
  }
}
