import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { DEFAULT_REGISTRY_NAME } from '../constants';
import type { DatabaseRegistry } from '../registry/database-registry';
import type {
  RegistersDbModuleAsyncOptions,
  RegistersDbModuleOptions,
} from './interfaces/registers-db-module-options.interface';
import { RegistersDbCoreModule } from './registers-db-core.module';
import { getManagerToken, getRegistryToken } from './registers-db.tokens';

/**
 * `forRoot`/`forRootAsync` provide a (global) DatabaseRegistry per name; `forFeature`
 * registers models in it and provides their managers (`@InjectManager(User)`).
 * Model registration errors surface while the application initializes.
 */
@Module({})
export class RegistersDbModule {
  static forRoot(options: RegistersDbModuleOptions = {}): DynamicModule {
    return { module: RegistersDbModule, imports: [RegistersDbCoreModule.forRoot(options)] };
  }

  static forRootAsync(options: RegistersDbModuleAsyncOptions): DynamicModule {
    return { module: RegistersDbModule, imports: [RegistersDbCoreModule.forRootAsync(options)] };
  }

  static forFeature(models: Type<any>[], name: string = DEFAULT_REGISTRY_NAME): DynamicModule {
    const providers: Provider[] = models.map((model) => ({
      provide: getManagerToken(model, name),
      useFactory: (registry: DatabaseRegistry) => registry.register(model).manager(model),
      inject: [getRegistryToken(name)],
    }));
    return { module: RegistersDbModule, providers, exports: providers };
  }
}
