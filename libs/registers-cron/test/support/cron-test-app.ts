import type { INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RegistersCronModule } from '../../src/cron.module';
import type { RegistersCronModuleOptions } from '../../src/interfaces/cron-module-options.interface';
import { CronTestKit } from '../../src/testing/cron-test-kit';
import { VirtualClock } from '../../src/testing/virtual-clock';

export interface CronTestApp {
  app: INestApplicationContext;
  kit: CronTestKit;
  clock: VirtualClock;
  close(): Promise<void>;
}

/** An application context with the given job providers, cron on `url`, driven by a virtual clock. */
export async function cronTestApp(
  url: string,
  providers: Type<unknown>[],
  options: RegistersCronModuleOptions & { start?: Date | string } = {},
): Promise<CronTestApp> {
  const clock =
    (options.clock as VirtualClock | undefined) ??
    new VirtualClock(options.start ?? '2026-03-01T00:00:00Z');
  const moduleRef = await Test.createTestingModule({
    imports: [RegistersCronModule.forRoot({ url, autoStart: false, ...options, clock })],
    providers,
  }).compile();
  const app = await moduleRef.init();
  const kit = await CronTestKit.create(app);
  return { app, kit, clock, close: () => app.close() };
}
