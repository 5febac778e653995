import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The cookie that carries the dashboard's form token. */
export const CSRF_COOKIE = 'registers_cron_csrf';
/** The hidden form field that must repeat it. */
export const CSRF_FIELD = '_csrf';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Double-submit protection of the dashboard's POST forms. A page hands out a random token
 * twice: in a cookie (HttpOnly, SameSite=Strict, scoped to the dashboard's path) and in each
 * form's hidden field. A POST is accepted only when both are present and equal. Another site
 * can neither read the cookie nor make the browser send it (SameSite=Strict), so it cannot
 * fill in the field.
 */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The named cookie of the request, or undefined. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The request's token when it has a well-formed one (a page keeps using it). */
export function csrfTokenOf(req: IncomingMessage): string | undefined {
  const token = readCookie(req, CSRF_COOKIE);
  return token !== undefined && TOKEN_PATTERN.test(token) ? token : undefined;
}

/** The `Set-Cookie` value for `token` under `path`; `Secure` when the request came over TLS. */
export function csrfCookie(token: string, path: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${token}; Path=${path}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Whether the form's field repeats the cookie's token (compared in constant time). */
export function csrfValid(req: IncomingMessage, field: unknown): boolean {
  const cookie = csrfTokenOf(req);
  if (cookie === undefined || typeof field !== 'string' || !TOKEN_PATTERN.test(field)) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}

/** Adds a `Set-Cookie` header beside any already set (a guard may have set its own cookie). */
export function appendSetCookie(res: ServerResponse, cookie: string): void {
  const current = res.getHeader('Set-Cookie');
  const list = current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}
