import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClientBodyError } from './client-body-error';

const JSON_MEDIA_TYPE = 'application/json';

/** Whether the request carries a body at all (the test body-parser itself uses). */
function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return !Number.isNaN(length) && length > 0;
}

/** `application/json`, optionally with `charset=utf-8`; any other type or charset is not. */
export function isUtf8Json(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== JSON_MEDIA_TYPE) return false;
  return parameters.every((parameter) => {
    const [name, value = ''] = parameter.split('=').map((part) => part.trim());
    return name !== 'charset' || /^"?utf-?8"?$/.test(value);
  });
}

/**
 * The API takes JSON bodies only: a request with a body of any other type (form-urlencoded,
 * multipart, text, none given) or charset is 415 on every route, before anything reads it.
 * Requests without a body (GET, DELETE, an empty POST) pass whatever they declare.
 */
export function jsonOnly(
  req: IncomingMessage,
  _res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  if (!hasBody(req) || isUtf8Json(req.headers['content-type'])) return next();
  next(
    new ClientBodyError(
      415,
      'media.unsupported',
      'Request bodies must be JSON: send Content-Type: application/json (UTF-8)',
    ),
  );
}
