import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  ResponsesObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorResponse } from './error-response';

const ERROR_RESPONSE_REF = `#/components/schemas/${ErrorResponse.name}`;

function isSchema(value: SchemaObject | ReferenceObject | undefined): value is SchemaObject {
  return value !== undefined && !('$ref' in value);
}

/**
 * Every body and query is validated with unknown properties refused (`forbidNonWhitelisted`),
 * and every answer lists its fields explicitly, so every object schema of the document is
 * closed: `additionalProperties: false` unless it says otherwise.
 */
export function closeObjectSchemas(document: OpenAPIObject): void {
  const visit = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!isSchema(schema)) return;
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
    for (const property of Object.values(schema.properties ?? {})) visit(property);
    if (schema.items) visit(schema.items);
    for (const option of [...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) visit(option);
  };
  for (const schema of Object.values(document.components?.schemas ?? {})) visit(schema);
}

function errorAnswer(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: ERROR_RESPONSE_REF } } } };
}

/**
 * The webhook route of `@registers/cron` (`POST <prefix>/<job path>`), which the library
 * registers without OpenAPI metadata: this app's job is `deploy-hook` at `/deploy`, guarded by
 * a bearer token (`DEPLOY_TOKEN`).
 */
export function describeWebhooks(document: OpenAPIObject, prefix: string): void {
  const path = `${prefix}/{path}`;
  const operation: OperationObject | undefined = document.paths[path]?.post;
  if (!operation) return;
  const responses: ResponsesObject = {
    202: {
      description: 'Accepted: the job run is queued; a worker of any instance runs it.',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { eventId: { type: 'integer', minimum: 1, example: 1 } },
            required: ['eventId'],
            additionalProperties: false,
          },
        },
      },
    },
    400: errorAnswer(
      'A body that is not JSON, or an `Idempotency-Key` that is empty or longer than 255 characters.',
    ),
    401: errorAnswer('Missing or wrong token (always, while the job has no token configured).'),
    404: errorAnswer('No webhook job at this path.'),
    409: errorAnswer('The job is disabled or paused.'),
    413: errorAnswer('The request body is larger than 100 KiB.'),
    415: errorAnswer('The request carries a body that is not UTF-8 `application/json`.'),
  };
  Object.assign(operation, {
    summary: 'Trigger a webhook job',
    description:
      'Queues a run of the job whose webhook path this is; the JSON body is its payload.',
    tags: ['jobs'],
    security: [{ webhookToken: [] }],
    parameters: [
      {
        name: 'path',
        in: 'path',
        required: true,
        description: 'The job’s webhook path: `deploy` for the `deploy-hook` job.',
        schema: { type: 'string', minLength: 1 },
        example: 'deploy',
      },
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'A repeated delivery with the same key returns the first event’s id.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    ],
    requestBody: {
      required: false,
      description: 'The payload of the job run (the `deploy-hook` job reads `env`).',
      content: {
        'application/json': {
          schema: { type: 'object', additionalProperties: true, example: { env: 'staging' } },
        },
      },
    },
    responses,
  });
}
