import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SampleApiModule, SampleApiOptions } from './sample-api.module';
import { setupDocs } from './setup-docs';

/** The configured (not yet listening) application; used by main.ts. */
export async function createSampleApi(
  options: SampleApiOptions & { logger?: LogLevel[] | false } = {},
): Promise<INestApplication> {
  // rawBody: signed (HMAC) webhooks are checked over the exact bytes received.
  const app = await NestFactory.create(SampleApiModule.forRoot(options), {
    rawBody: true,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  setupDocs(app);
  return app;
}
