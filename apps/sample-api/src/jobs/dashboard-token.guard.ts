import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';

/** Where the cron dashboard is mounted, and the cookie that keeps an operator signed in. */
export const DASHBOARD_PATH = '/cron';
const COOKIE = 'dashboard_token';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of a presented token with the configured one. */
function matches(given: string | undefined, expected: string): boolean {
  return given !== undefined && given !== '' && timingSafeEqual(digest(given), digest(expected));
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Lets operators into the cron dashboard with the token in DASHBOARD_TOKEN, given as
 * `Authorization: Bearer <token>`, or once as `?token=<token>` in a browser: that sets an
 * HttpOnly, SameSite=Strict cookie scoped to the dashboard, so later pages and forms need no
 * token in the address. Without DASHBOARD_TOKEN every request is refused.
 */
@Injectable()
export class DashboardTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const expected = process.env.DASHBOARD_TOKEN;
    if (!expected) return false;
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (matches(bearer, expected) || matches(cookieOf(req), expected)) return true;
    const fromQuery = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    if (!matches(fromQuery ?? undefined, expected)) return false;
    context
      .switchToHttp()
      .getResponse<ServerResponse>()
      .setHeader(
        'Set-Cookie',
        `${COOKIE}=${encodeURIComponent(expected)}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict`,
      );
    return true;
  }
}
