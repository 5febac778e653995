import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { closeObjectSchemas, describeWebhooks } from './docs/complete-document';

/** Where `@registers/cron` serves webhook triggers (its default prefix). */
const WEBHOOK_PREFIX = '/hooks';

/**
 * The OpenAPI document of the API, from the controllers, DTOs and views, completed with what
 * decorators cannot say (closed object schemas, the cron webhook route).
 */
export function buildOpenApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Registers sample shop API')
    .setDescription(
      'Customers, products and orders on @registers/db. Bodies are JSON objects; unknown ' +
        'properties and query parameters are refused (400). Every 4xx answer is an `ErrorResponse`.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The server this document is served from')
    .addTag('customers', 'Sign-ups; passwords are stored as hashes and never answered.')
    .addTag('products', 'The catalogue, with prices and stock.')
    .addTag('orders', 'Orders, each placed in one transaction.')
    .addTag('health', 'Liveness of the database and the job runtime.')
    .addTag('jobs', 'Webhook triggers of `@registers/cron` jobs.')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'The job’s token' },
      'webhookToken',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Public by default; the webhook operation names its own scheme.
  document.security = [];
  closeObjectSchemas(document);
  describeWebhooks(document, WEBHOOK_PREFIX);
  return document;
}

/** Swagger UI at `/docs`, the OpenAPI document at `/docs-json` (and `/docs-yaml`). */
export function setupDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
