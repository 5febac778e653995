import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DEFAULT_REGISTRY_NAME, REGISTERS_DB_MODULE_OPTIONS } from '../constants';
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
export class RegistersDbCoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(REGISTRY_NAME) private readonly registryName: string,
    private readonly moduleRef: ModuleRef,
  ) {}

  static forRoot(options: RegistersDbModuleOptions = {}): DynamicModule {
    const name = options.name ?? DEFAULT_REGISTRY_NAME;
    return this.build(name, [{ provide: REGISTERS_DB_MODULE_OPTIONS, useValue: options }], []);
  }

  static forRootAsync(options: RegistersDbModuleAsyncOptions): DynamicModule {
    const name = options.name ?? DEFAULT_REGISTRY_NAME;
    const providers: Provider[] = [];
    if (options.useFactory) {
      providers.push({ provide: REGISTERS_DB_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] });
    } else {
      const factoryClass = (options.useClass ?? options.useExisting) as Type<RegistersDbOptionsFactory> | undefined;
      if (!factoryClass) throw new Error('RegistersDbModule.forRootAsync needs useFactory, useClass or useExisting.');
      if (options.useClass) providers.push({ provide: options.useClass, useClass: options.useClass });
      providers.push({
        provide: REGISTERS_DB_MODULE_OPTIONS,
        useFactory: (factory: RegistersDbOptionsFactory) => factory.createRegistersDbOptions(),
        inject: [factoryClass],
      });
    }
    return this.build(name, providers, options.imports ?? []);
  }

  private static build(name: string, optionProviders: Provider[], imports: DynamicModule['imports']): DynamicModule {
    const registryProvider: Provider = {
      provide: getRegistryToken(name),
      useFactory: (options: RegistersDbModuleOptions) => new DatabaseRegistry({ ...options, name }),
      inject: [REGISTERS_DB_MODULE_OPTIONS],
    };
    return {
      module: RegistersDbCoreModule,
      imports,
      providers: [...optionProviders, { provide: REGISTRY_NAME, useValue: name }, registryProvider],
      exports: [registryProvider],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const registry = this.moduleRef.get<DatabaseRegistry>(getRegistryToken(this.registryName) as string);
    await registry.dispose();
  }
}
