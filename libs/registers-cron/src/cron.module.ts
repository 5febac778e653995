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
import { dashboardController } from './dashboard-controller.factory';
import { resolveDashboardConfig } from './dashboard/dashboard-config';
import type { CronDashboardOptions } from './interfaces/cron-module-options.interface';

/** The webhook route, and the dashboard's when it is on (its options are checked here, at build). */
function controllers(webhookPrefix: string | undefined, dashboard?: CronDashboardOptions) {
  return [
    webhookController(webhookPrefix ?? DEFAULT_WEBHOOK_PREFIX),
    ...(dashboard ? [dashboardController(resolveDashboardConfig(dashboard))] : []),
  ];
}

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
 * triggers under `webhookPrefix` (and the jobs dashboard when `dashboard` is set). Import once, in the root module (it is global).
 */
@Module({})
export class RegistersCronModule {
  static forRoot(options: RegistersCronModuleOptions = {}): DynamicModule {
    return {
      module: RegistersCronModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: controllers(options.webhookPrefix, options.dashboard),
      providers: [{ provide: REGISTERS_CRON_OPTIONS, useValue: options }, ...CORE_PROVIDERS],
      exports: EXPORTS,
    };
  }

  static forRootAsync(options: RegistersCronModuleAsyncOptions): DynamicModule {
    return {
      module: RegistersCronModule,
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      controllers: controllers(options.webhookPrefix, options.dashboard),
      providers: [
        {
          provide: REGISTERS_CRON_OPTIONS,
          useFactory: async (...args: unknown[]) => ({
            ...(await options.useFactory(...args)),
            webhookPrefix: options.webhookPrefix ?? DEFAULT_WEBHOOK_PREFIX,
            ...(options.dashboard ? { dashboard: options.dashboard } : {}),
          }),
          inject: options.inject ?? [],
        },
        ...CORE_PROVIDERS,
      ],
      exports: EXPORTS,
    };
  }
}
