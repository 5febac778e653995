import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientErrorBody } from './client-body-error';
import { JSON_BODY_LIMIT_BYTES } from './json-body.parser';

const logger = new Logger('HttpBoundary');

interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  message?: string;
}

/**
 * The client's message for each refusal. Parser messages are not passed on as they are:
 * `JSON.parse`'s quote the body, and messages never repeat what was sent.
 */
function clientMessage(error: ParserError, status: number): string {
  switch (error.type) {
    case 'media.unsupported':
    case 'entity.too.deep':
      return error.message!;
    case 'entity.parse.failed':
      return 'The request body is not valid JSON; send one JSON object';
    case 'entity.too.large':
      return `The request body is larger than the ${JSON_BODY_LIMIT_BYTES / 1024} KiB limit`;
    case 'encoding.unsupported':
      return 'Content-Encoding must be gzip, deflate, br or identity';
    case 'charset.unsupported':
      return 'Request bodies must be UTF-8 JSON';
    case 'request.size.invalid':
      return 'The request body does not match its Content-Length';
    case 'request.aborted':
      return 'The request body was not received in full';
  }
  if (typeof error.code === 'string' && error.code.startsWith('Z_')) {
    return 'The request body could not be decompressed as its Content-Encoding says';
  }
  return status === 413 ? 'The request body is too large' : 'The request body could not be read';
}

/**
 * Express error middleware behind the JSON parser: a refused body (415 type, 413 size, 400
 * malformed or compressed wrongly, 400 deeper than MAX_JSON_DEPTH) is answered as JSON
 * `{ statusCode, error, message }` and logged as one warn line (status, method, path and
 * reason; never the body, the query or a stack). Anything else is a server fault: logged with
 * its stack and answered with the generic 500.
 */
export function answerBodyError(
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  if (res.headersSent) return next(error);
  const parserError = (error ?? {}) as ParserError;
  const status = Number(parserError.status ?? parserError.statusCode);
  const path = (req.url ?? '').split('?')[0];
  let body: { statusCode: number; message: string };
  if (status >= 400 && status < 500) {
    body = clientErrorBody(status, clientMessage(parserError, status));
    logger.warn(`${status} ${req.method} ${path}: ${body.message}`);
  } else {
    const stack = error instanceof Error ? error.stack : String(error);
    logger.error(`${req.method} ${path}: the request body could not be read`, stack);
    body = { statusCode: 500, message: 'Internal server error' };
  }
  res.statusCode = body.statusCode;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
