import {
  DynamicModule,
  Global,
  Inject,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  Provider,
  Type,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, ModuleRef } from '@nestjs/core';
import { ModelMetadataAccessor } from '../metadata/model-metadata.accessor';
import type { RegistersSeeder } from '../registry/interfaces/seeder.interface';
import type { RegistersModelSubscriber } from '../registry/interfaces/model-subscriber.interface';
import { DEFAULT_REGISTRY_NAME, REGISTERS_DB_MODULE_OPTIONS } from '../constants';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import { DatabaseRegistry } from '../registry/database-registry';
import type {
  RegistersDbModuleAsyncOptions,
  RegistersDbModuleOptions,
  RegistersDbOptionsFactory,
} from './interfaces/registers-db-module-options.interface';
import { getRegistryToken } from './registers-db.tokens';

/** Module-local: which registry this core module instance owns. */
const REGISTRY_NAME = 'RegistersDbRegistryName';

/**
 * One per registry name: provides the DatabaseRegistry globally and disposes it on
 * application shutdown. Creating the registry opens no connection.
 */
@Global()
@Module({})
export class RegistersDbCoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(REGISTRY_NAME) private readonly registryName: string,
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {}

  static forRoot(options: RegistersDbModuleOptions = {}): DynamicModule {
    const name = options.name ?? DEFAULT_REGISTRY_NAME;
    return this.build(name, [{ provide: REGISTERS_DB_MODULE_OPTIONS, useValue: options }], []);
  }

  static forRootAsync(options: RegistersDbModuleAsyncOptions): DynamicModule {
    const name = options.name ?? DEFAULT_REGISTRY_NAME;
    const providers: Provider[] = [];
    if (options.useFactory) {
      providers.push({
        provide: REGISTERS_DB_MODULE_OPTIONS,
        useFactory: options.useFactory,
        inject: options.inject ?? [],
      });
    } else {
      const factoryClass = (options.useClass ?? options.useExisting) as
        Type<RegistersDbOptionsFactory> | undefined;
      if (!factoryClass)
        throw new ConfigurationError(configurationMessages.asyncOptionsNeedProvider(), {
          registry: name,
        });
      if (options.useClass)
        providers.push({ provide: options.useClass, useClass: options.useClass });
      providers.push({
        provide: REGISTERS_DB_MODULE_OPTIONS,
        useFactory: (factory: RegistersDbOptionsFactory) => factory.createRegistersDbOptions(),
        inject: [factoryClass],
      });
    }
    return this.build(name, providers, options.imports ?? []);
  }

  private static build(
    name: string,
    optionProviders: Provider[],
    imports: DynamicModule['imports'],
  ): DynamicModule {
    const registryProvider: Provider = {
      provide: getRegistryToken(name),
      useFactory: (options: RegistersDbModuleOptions) => new DatabaseRegistry({ ...options, name }),
      inject: [REGISTERS_DB_MODULE_OPTIONS],
    };
    return {
      module: RegistersDbCoreModule,
      imports: [DiscoveryModule, ...(imports ?? [])],
      providers: [...optionProviders, { provide: REGISTRY_NAME, useValue: name }, registryProvider],
      exports: [registryProvider],
    };
  }

  private registry(): DatabaseRegistry {
    return this.moduleRef.get<DatabaseRegistry>(getRegistryToken(this.registryName) as string);
  }

  /**
   * Adds the `@Seeder()` and `@ModelSubscriber()` providers of this registry, in module
   * declaration order. Subscribed models must be registered (forFeature) in this registry.
   */
  onModuleInit(): void {
    const registry = this.registry();
    const known = new Set(registry.seederNames());
    const accessor = new ModelMetadataAccessor();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype || !wrapper.isDependencyTreeStatic()) continue;
      const subscriber = accessor.getModelSubscriber(metatype as Function);
      if (subscriber && (subscriber.registry ?? DEFAULT_REGISTRY_NAME) === this.registryName) {
        for (const model of subscriber.models)
          registry.addSubscriber(model, instance as RegistersModelSubscriber);
      }
      const options = accessor.getSeederOptions(metatype as Function);
      if (!options || (options.registry ?? DEFAULT_REGISTRY_NAME) !== this.registryName) continue;
      const name = options.name ?? (metatype as Function).name;
      if (known.has(name)) continue;
      registry.addSeeder(instance as RegistersSeeder, { name, order: options.order });
      known.add(name);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.registry().dispose();
  }
}
