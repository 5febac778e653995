import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CLI_MIDDLEWARE_ORDER_METADATA, REGISTERS_CLI_OPTIONS } from './constants';
import { CliMetadataAccessor } from './cli-metadata.accessor';
import { CliExplorer } from './cli.explorer';
import { CliRegistry } from './registry/cli.registry';
import { CliRunner } from './cli.runner';
import { CliMiddleware } from './interfaces/cli-middleware.interface';
import {
  RegistersCliFeatureOptions,
  RegistersCliModuleOptions,
} from './interfaces/cli-module-options.interface';

let middlewareOrder = 0;

/** Middleware runs in the order it was registered through forRoot/forFeature. */
function markMiddleware(classes: Type<CliMiddleware>[] = []): Provider[] {
  for (const cls of classes) {
    if (Reflect.getOwnMetadata(CLI_MIDDLEWARE_ORDER_METADATA, cls) === undefined) {
      Reflect.defineMetadata(CLI_MIDDLEWARE_ORDER_METADATA, middlewareOrder++, cls);
    }
  }
  return classes;
}

/** A plugin module's handle on the CLI: `imports: [RegistersCliModule.forFeature()]`. */
@Module({})
export class RegistersCliFeatureModule {}

@Module({})
export class RegistersCliModule {
  /**
   * Discovers every `@CliCommand` method of the application's providers and runs them on
   * nest-commander's program. Import once, in the root module.
   */
  static forRoot(options: RegistersCliModuleOptions): DynamicModule {
    const contextProviders: Provider[] =
      typeof options.context === 'function' ? [options.context] : [];
    return {
      module: RegistersCliModule,
      global: true,
      imports: [DiscoveryModule, ...(options.plugins ?? [])],
      providers: [
        { provide: REGISTERS_CLI_OPTIONS, useValue: options },
        CliMetadataAccessor,
        CliRegistry,
        CliRunner,
        CliExplorer,
        ...markMiddleware(options.middleware),
        ...contextProviders,
      ],
      exports: [REGISTERS_CLI_OPTIONS, CliRegistry, CliRunner],
    };
  }

  /** Marks a plugin module contributing commands, optionally with its own middleware. */
  static forFeature(options: RegistersCliFeatureOptions = {}): DynamicModule {
    const middleware = markMiddleware(options.middleware);
    return { module: RegistersCliFeatureModule, providers: middleware, exports: middleware };
  }
}
