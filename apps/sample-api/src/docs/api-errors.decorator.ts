import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './error-response';

/** What each 4xx means, unless an operation says more. */
const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (body, query or id; `issues` lists the messages per field), or a body that is not JSON or nests deeper than 64 levels.',
  401: 'Missing or wrong credentials.',
  404: 'No record with this id.',
  409: 'The request conflicts with existing data.',
  413: 'The request body is larger than 100 KiB.',
  415: 'The request carries a body that is not UTF-8 `application/json`, or an unknown Content-Encoding.',
  422: 'The request is well formed but breaks a business rule.',
};

/** Every request passes the HTTP boundary, so every operation can answer these. */
const BOUNDARY_STATUSES = [400, 413, 415];

/**
 * The operation's 4xx answers, each with the shared ErrorResponse schema: the boundary's 400,
 * 413 and 415, plus `extra` (a status, or a status with its own description).
 */
export function ApiErrors(...extra: Array<number | [number, string]>) {
  const descriptions = new Map<number, string>(
    BOUNDARY_STATUSES.map((status) => [status, DEFAULT_DESCRIPTIONS[status]]),
  );
  for (const entry of extra) {
    const [status, description] = Array.isArray(entry) ? entry : [entry, undefined];
    descriptions.set(status, description ?? DEFAULT_DESCRIPTIONS[status]);
  }
  return applyDecorators(
    ...[...descriptions].map(([status, description]) =>
      ApiResponse({ status, description, type: ErrorResponse }),
    ),
  );
}
