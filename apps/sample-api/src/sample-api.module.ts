import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { RegistersCronModule } from '@registers/cron';
import { RegistersDbModule, RegistersExceptionFilter } from '@registers/db';
import { createValidationPipe } from './common/validation.pipe';
import { CustomersModule } from './customers/customers.module';
import { HealthModule } from './health/health.module';
import { DASHBOARD_PATH, DashboardTokenGuard } from './jobs/dashboard-token.guard';
import { JobsModule } from './jobs/jobs.module';
import { OrdersModule } from './orders/orders.module';
import { ProductsModule } from './products/products.module';

export const DEFAULT_SAMPLE_API_DATABASE_URL = 'sqlite:data/shop.db';

export interface SampleApiOptions {
  /** Default: `REGISTERS_DATABASE_URL`, else a SQLite file under ./data/. */
  databaseUrl?: string;
}

/**
 * The shop service. Registry errors become HTTP answers through RegistersExceptionFilter
 * (404 / 409 / 400 / generic 500) and every body, query and param is validated with
 * unknown properties refused. Nothing connects until the first request touches the database.
 */
@Module({})
export class SampleApiModule {
  static forRoot(options: SampleApiOptions = {}): DynamicModule {
    const url =
      options.databaseUrl ?? process.env.REGISTERS_DATABASE_URL ?? DEFAULT_SAMPLE_API_DATABASE_URL;
    return {
      module: SampleApiModule,
      imports: [
        RegistersDbModule.forRoot({ url }),
        // The job runtime runs in-process (scheduler and workers) on the same database, so
        // every API replica shares one queue; webhooks are served under /hooks, and the jobs
        // dashboard under /cron for holders of DASHBOARD_TOKEN.
        RegistersCronModule.forRoot({
          workers: 4,
          dashboard: { path: DASHBOARD_PATH, guard: DashboardTokenGuard },
        }),
        // Optional: with it, cron's timer is listed in SchedulerRegistry beside any @Cron/@Interval.
        ScheduleModule.forRoot(),
        JobsModule,
        HealthModule,
        CustomersModule,
        ProductsModule,
        OrdersModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: RegistersExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
