import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { answerBodyError } from './body-error.handler';
import { jsonBodyParserOptions } from './json-body.parser';
import { jsonOnly } from './json-only.middleware';
import { DASHBOARD_PATH } from '../jobs/dashboard-token.guard';

/**
 * Nest's own body parsers are off: they would also accept form-urlencoded bodies and have no
 * depth limit. `configureHttpBoundary` installs the API's instead.
 */
export const SAMPLE_API_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/**
 * What every request passes before routing, in order: JSON-only bodies (415 otherwise; the
 * cron dashboard under /cron posts forms), the
 * JSON parser (100 KiB, objects and arrays only, at most MAX_JSON_DEPTH levels, raw bytes kept
 * for signed webhooks) and the answer to whatever they refused. Call it before `init()` so it
 * precedes the routes.
 */
export function configureHttpBoundary(app: NestExpressApplication): void {
  // The cron dashboard's forms post form-urlencoded bodies, which the dashboard reads itself.
  app.use((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) =>
    req.url?.startsWith(`${DASHBOARD_PATH}/`) ? next() : jsonOnly(req, res, next),
  );
  app.useBodyParser('json', jsonBodyParserOptions);
  app.use(answerBodyError);
}
