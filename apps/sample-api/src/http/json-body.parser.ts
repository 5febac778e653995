import type { IncomingMessage } from 'node:http';
import { ClientBodyError } from './client-body-error';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

/** The largest request body, after decompression (express's default, stated). */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;

/**
 * Runs on the raw bytes after decompression and before `JSON.parse`: keeps them on
 * `req.rawBody` (signed webhooks check their HMAC over them) and refuses a body nested deeper
 * than MAX_JSON_DEPTH, which would otherwise overflow the stack of the recursive code after
 * the parser and end in a 500.
 */
function verifyJsonBody(req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, bytes: Buffer) {
  req.rawBody = bytes;
  if (jsonNestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
    throw new ClientBodyError(
      400,
      'entity.too.deep',
      `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
}

/** Options of express's JSON parser (`app.useBodyParser('json', …)`). */
export const jsonBodyParserOptions = {
  limit: JSON_BODY_LIMIT_BYTES,
  type: 'application/json',
  strict: true,
  verify: verifyJsonBody,
};
