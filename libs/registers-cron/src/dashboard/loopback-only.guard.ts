import { ForbiddenException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { dashboardMessages } from '../common/dashboard-messages';

/** Whether `address` is on the loopback interface (127.0.0.0/8, ::1, or either mapped in IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The dashboard's gate when no guard is configured (read-only only): a request is answered
 * only when it arrived on a loopback address of this process, that is the app listens on
 * localhost or was reached through it. The socket's own address is used, never a header a
 * client could set.
 */
export class LoopbackOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    if (isLoopback(req.socket?.localAddress)) return true;
    throw new ForbiddenException(dashboardMessages.notLoopback);
  }
}
