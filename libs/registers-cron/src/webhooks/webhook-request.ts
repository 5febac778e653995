import type { IncomingMessage } from 'node:http';
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { messages } from '../common/messages';

/** What the webhook controller reads of an express request (no dependency on express's types). */
export interface WebhookRequest extends IncomingMessage {
  /** Set by Nest's body parsers when the app was created with `{ rawBody: true }`. */
  rawBody?: Buffer;
  /** Whatever a body parser made of the body; undefined when no parser took it. */
  body?: unknown;
  params?: Record<string, string | string[] | undefined>;
}

/** The request body as the webhook sees it: exact bytes when they are available, else the parsed value. */
export type WebhookBody = { raw: Buffer } | { parsed: unknown };

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  if (Array.isArray(value)) return value[0];
  return value;
}

export function bodyTooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException(messages.bodyTooLarge(limit));
}

/** Reads an unconsumed request stream, refusing more than `limit` bytes. */
function readStream(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        cleanup();
        req.resume(); // discard the rest; the 413 is answered at once
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * The body of a webhook call, size-checked. Nest's body parsers may already have consumed the
 * stream: then the exact bytes are `req.rawBody` (apps created with `{ rawBody: true }`) or,
 * without it, only the parsed `req.body` is left. Bodies no parser took (text/plain, …) are
 * read here.
 */
export async function readWebhookBody(req: WebhookRequest, limit: number): Promise<WebhookBody> {
  const declared = Number(header(req, 'content-length'));
  if (Number.isFinite(declared) && declared > limit) throw bodyTooLarge(limit);

  let raw: Buffer | undefined;
  if (Buffer.isBuffer(req.rawBody)) raw = req.rawBody;
  else if (Buffer.isBuffer(req.body)) raw = req.body;
  else if (typeof req.body === 'string') raw = Buffer.from(req.body, 'utf8');
  else if (req.body !== undefined) {
    const serialized = JSON.stringify(req.body);
    if (serialized !== undefined && Buffer.byteLength(serialized) > limit)
      throw bodyTooLarge(limit);
    return { parsed: req.body };
  } else if (!req.readableEnded) raw = await readStream(req, limit);
  else raw = Buffer.alloc(0);

  if (raw.length > limit) throw bodyTooLarge(limit);
  return { raw };
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The payload of a webhook call: the body's JSON value, `{}` when the body is empty. */
export function payloadOf(req: WebhookRequest, body: WebhookBody): unknown {
  if ('parsed' in body) {
    // Only a body parser's result is left: it is JSON only if the parser was the JSON one.
    const type = header(req, 'content-type') ?? '';
    if (!JSON_TYPE.test(type)) {
      throw new BadRequestException(messages.bodyNotJsonType);
    }
    return body.parsed;
  }
  let text = body.raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestException(messages.bodyNotJson);
  }
}
