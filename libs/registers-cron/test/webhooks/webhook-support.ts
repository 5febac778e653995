import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RegistersCronModule } from '../../src/cron.module';
import { CronService } from '../../src/cron.service';
import { Job } from '../../src/decorators/job.decorator';
import type { EventRecord } from '../../src/interfaces/records.interface';
import { Trigger } from '../../src/triggers/trigger';
import { webhookSignature } from '../../src/webhooks/webhook-auth';

export const TOKEN = 'secret-token';
export const HMAC_TOKEN = 'signed-token';
export const HMAC_SECRET = 'hmac-shared-secret';
/** Every value that must never show up in a response. */
export const SECRETS = [TOKEN, HMAC_TOKEN, HMAC_SECRET];

@Injectable()
export class WebhookJobs {
  @Job({ trigger: Trigger.webhook('/deploy', { token: TOKEN }) })
  deploy(): void {}

  @Job({ trigger: Trigger.webhook('/signed', { token: HMAC_TOKEN, hmacSecret: HMAC_SECRET }) })
  signed(): void {}

  @Job({ trigger: Trigger.webhook('/open') })
  open(): void {}

  @Job({ trigger: Trigger.webhook('/empty-token', { token: '' }) })
  emptyToken(): void {}

  @Job({ trigger: Trigger.webhook('/deploy/prod', { token: TOKEN }) })
  deployProd(): void {}

  @Job({ trigger: Trigger.webhook('/off', { token: TOKEN }), enabled: false })
  off(): void {}
}

export interface WebhookApp {
  app: INestApplication;
  cron: CronService;
  /** Every event of the app, oldest first. */
  events(job?: string): Promise<EventRecord[]>;
  close(): Promise<void>;
}

export async function webhookApp(options: {
  url: string;
  rawBody: boolean;
  webhookBodyLimitBytes?: number;
  webhookPrefix?: string;
}): Promise<WebhookApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      RegistersCronModule.forRoot({
        url: options.url,
        autoStart: false,
        watch: false,
        ...(options.webhookBodyLimitBytes !== undefined
          ? { webhookBodyLimitBytes: options.webhookBodyLimitBytes }
          : {}),
        ...(options.webhookPrefix !== undefined ? { webhookPrefix: options.webhookPrefix } : {}),
      }),
    ],
    providers: [WebhookJobs],
  }).compile();
  const app = moduleRef.createNestApplication({ rawBody: options.rawBody, logger: false });
  await app.init();
  const cron = app.get(CronService);
  return {
    app,
    cron,
    events: async (job?: string) =>
      (await cron.events({ ...(job ? { job } : {}), limit: 1000 })).sort((a, b) => a.id - b.id),
    close: () => app.close(),
  };
}

/** Headers of a correctly signed call to `/signed`. */
export function signedHeaders(
  body: string,
  options: { secret?: string; timestamp?: number } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    Authorization: `Bearer ${HMAC_TOKEN}`,
    'Content-Type': 'application/json',
    'X-Timestamp': String(timestamp),
    'X-Signature': `sha256=${webhookSignature(options.secret ?? HMAC_SECRET, timestamp, body)}`,
  };
}
