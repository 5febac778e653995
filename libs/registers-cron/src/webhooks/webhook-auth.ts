import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Whether `given` equals `expected`, in time that depends on neither (both are hashed first,
 * so neither their content nor their lengths leak). A missing or empty expected token never matches.
 */
export function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!expected || given === undefined) return false;
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** The caller's token: `Authorization: Bearer <token>`, else the `X-Webhook-Token` header. */
export function presentedToken(
  authorization: string | undefined,
  webhookToken: string | undefined,
): string | undefined {
  const bearer = /^\s*Bearer\s+(.+?)\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  return webhookToken;
}

/** The signature a sender computes: hex HMAC-SHA256 of `<timestamp>.<raw body>` with the secret. */
export function webhookSignature(
  secret: string,
  timestamp: string | number,
  body: Buffer | string,
): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export type SignatureProblem = 'signature' | 'timestamp';

/**
 * Checks `X-Signature: sha256=<hex>` against the raw body and `X-Timestamp` (Unix seconds)
 * against the replay window. Returns what is wrong, or undefined when the call is genuine.
 */
export function signatureProblem(options: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  nowMs: number;
  windowSeconds: number;
}): SignatureProblem | undefined {
  const timestamp = options.timestamp?.trim() ?? '';
  const match = /^sha256=([0-9a-f]{64})$/i.exec(options.signature?.trim() ?? '');
  if (!match || !/^\d{1,12}$/.test(timestamp)) return 'signature';
  const expected = Buffer.from(webhookSignature(options.secret, timestamp, options.body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex'))) return 'signature';
  if (Math.abs(options.nowMs / 1000 - Number(timestamp)) > options.windowSeconds)
    return 'timestamp';
  return undefined;
}
