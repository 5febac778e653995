import type { IncomingMessage } from 'node:http';

/** What the dashboard's action controller reads of a request. */
export interface DashboardRequest extends IncomingMessage {
  body?: unknown;
  params?: Record<string, string | undefined>;
  query?: Record<string, unknown>;
}

/** Largest form body read: a JSON payload in a textarea plus the token. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024;

export class FormBodyTooLarge extends Error {}

function readRaw(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new FormBodyTooLarge());
        return;
      }
      chunks.push(buffer);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The fields of an `application/x-www-form-urlencoded` POST. Taken from `req.body` when the
 * application's body parser already read the form, else read from the stream here (apps
 * that parse JSON only leave form bodies unread).
 */
export async function formFields(req: DashboardRequest): Promise<Record<string, string>> {
  const body = req.body;
  // Some JSON-only parsers leave `{}` on requests they did not read: the stream is still unread then.
  const parsed =
    body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length;
  if (parsed) {
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  }
  if (req.readableEnded) return {}; // a parser read the stream and kept nothing for us
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return {};
  return Object.fromEntries(new URLSearchParams(await readRaw(req, FORM_BODY_LIMIT_BYTES)));
}
