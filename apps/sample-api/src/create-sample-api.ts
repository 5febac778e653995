import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpBoundary, SAMPLE_API_APP_OPTIONS } from './http/http-boundary';
import { SampleApiModule, SampleApiOptions } from './sample-api.module';
import { setupDocs } from './setup-docs';

/** The HTTP boundary and the docs: shared by main.ts and the in-process tests. */
export function prepareSampleApi(app: NestExpressApplication): void {
  configureHttpBoundary(app);
  setupDocs(app);
}

/** The configured (not yet listening) application; used by main.ts. */
export async function createSampleApi(
  options: SampleApiOptions & { logger?: LogLevel[] | false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(SampleApiModule.forRoot(options), {
    ...SAMPLE_API_APP_OPTIONS,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  prepareSampleApi(app);
  return app;
}
