import {
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { IncomingMessage } from 'node:http';
import { RegistersCronModule } from '../../src/cron.module';
import { CronService } from '../../src/cron.service';
import { JobPayload } from '../../src/decorators/job-payload.decorator';
import { Job } from '../../src/decorators/job.decorator';
import type { CronDashboardOptions } from '../../src/interfaces/cron-module-options.interface';
import { CronTestKit } from '../../src/testing/cron-test-kit';
import { VirtualClock } from '../../src/testing/virtual-clock';
import { Trigger } from '../../src/triggers/trigger';

export const OPERATOR_TOKEN = 'operator-token-7f3a';
export const XSS = '<script>document.title="pwned"</script>';

/** Approves requests carrying `x-operator: OPERATOR_TOKEN`. */
@Injectable()
export class OperatorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    return req.headers['x-operator'] === OPERATOR_TOKEN;
  }
}

/** Whether `flaky` fails; the browser test turns it off before retrying the dead letter. */
export const flakyState = { failing: true, runs: 0 };

/** The app's virtual clock: `import-users` moves it by `payload.ms`, so its runs have a duration. */
const jobClock: { current?: VirtualClock } = {};

@Injectable()
export class DashboardJobs {
  @Job({ trigger: Trigger.cron('0 3 * * *', { timezone: 'Europe/Paris' }) })
  nightly(): void {}

  @Job({ trigger: Trigger.interval({ minutes: 1 }) })
  minutely(): void {}

  @Job({ trigger: Trigger.manual() })
  importUsers(@JobPayload() payload: { fail?: boolean; ms?: number }): { imported: number } {
    if (payload.ms) jobClock.current?.advance(payload.ms);
    if (payload.fail) throw new Error(`import failed: ${XSS}`);
    return { imported: 3 };
  }

  @Job({ trigger: Trigger.manual(), retry: { policy: 'fixed', maxAttempts: 2, backoffSeconds: 1 } })
  flaky(): void {
    flakyState.runs += 1;
    if (flakyState.failing) throw new Error('upstream unavailable');
  }
}

export interface DashboardApp {
  app: INestApplication;
  cron: CronService;
  kit: CronTestKit;
  clock: VirtualClock;
  close(): Promise<void>;
}

/** An HTTP app with the dashboard on `url`, driven by a virtual clock (nothing runs by itself). */
export async function dashboardApp(
  url: string,
  dashboard: CronDashboardOptions,
  options: { bodyParser?: boolean } = {},
): Promise<DashboardApp> {
  const clock = new VirtualClock('2026-03-01T00:00:30Z');
  jobClock.current = clock;
  const moduleRef = await Test.createTestingModule({
    imports: [
      RegistersCronModule.forRoot({ url, autoStart: false, watch: false, clock, dashboard }),
    ],
    providers: [DashboardJobs],
  }).compile();
  const app = moduleRef.createNestApplication({
    logger: false,
    bodyParser: options.bodyParser ?? true,
  });
  await app.init();
  const kit = await CronTestKit.create(app);
  return { app, cron: app.get(CronService), kit, clock, close: () => app.close() };
}

/** Makes a dead letter of `flaky`: two failed attempts. Returns its event id. */
export async function deadLetter(ctx: DashboardApp): Promise<number> {
  flakyState.failing = true;
  const id = await ctx.cron.trigger('flaky', {});
  await ctx.kit.runDue();
  await ctx.kit.advance({ seconds: 2 });
  return id;
}

/** The `_csrf` value of the first form of a page. */
export function formToken(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error('the page has no form token');
  return match[1];
}

/** The `name=value` part of the CSRF cookie a response set. */
export function csrfCookieOf(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = all.find((c) => c.startsWith('registers_cron_csrf='));
  if (!cookie) throw new Error('no CSRF cookie was set');
  return cookie.split(';')[0] ?? '';
}
