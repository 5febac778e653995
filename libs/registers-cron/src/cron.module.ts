import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DEFAULT_WEBHOOK_PREFIX, REGISTERS_CRON_OPTIONS } from './common/constants';
import { CronMetadataAccessor } from './cron-metadata.accessor';
import { CronExplorer } from './cron.explorer';
import { CronOrchestrator } from './cron.orchestrator';
import { CronRegistry } from './cron.registry';
import { CronService } from './cron.service';
import type {
  RegistersCronModuleAsyncOptions,
  RegistersCronModuleOptions,
} from './interfaces/cron-module-options.interface';
import { webhookController } from './webhook-controller.factory';

const CORE_PROVIDERS: Provider[] = [
  CronMetadataAccessor,
  CronRegistry,
  CronExplorer,
  CronOrchestrator,
  CronService,
];
const EXPORTS = [REGISTERS_CRON_OPTIONS, CronRegistry, CronService, CronOrchestrator];

/**
 * Durable jobs for a Nest application: discovers `@Job`/`@Watch` methods, keeps their
 * events and runs in `@registers/db` tables, runs them on a worker pool, and serves webhook
 * triggers under `webhookPrefix`. Import once, in the root module (it is global).
 */
@Module({})
export class RegistersCronModule {
  static forRoot(options: RegistersCronModuleOptions = {}): DynamicModule {
    return {
      module: RegistersCronModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [webhookController(options.webhookPrefix ?? DEFAULT_WEBHOOK_PREFIX)],
      providers: [{ provide: REGISTERS_CRON_OPTIONS, useValue: options }, ...CORE_PROVIDERS],
      exports: EXPORTS,
    };
  }

  static forRootAsync(options: RegistersCronModuleAsyncOptions): DynamicModule {
    return {
      module: RegistersCronModule,
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      controllers: [webhookController(options.webhookPrefix ?? DEFAULT_WEBHOOK_PREFIX)],
      providers: [
        {
          provide: REGISTERS_CRON_OPTIONS,
          useFactory: async (...args: unknown[]) => ({
            ...(await options.useFactory(...args)),
            webhookPrefix: options.webhookPrefix ?? DEFAULT_WEBHOOK_PREFIX,
          }),
          inject: options.inject ?? [],
        },
        ...CORE_PROVIDERS,
      ],
      exports: EXPORTS,
    };
  }
}
