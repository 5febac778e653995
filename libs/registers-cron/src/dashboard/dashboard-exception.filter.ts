import { HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { dashboardMessages } from '../common/dashboard-messages';
import {
  CronError,
  EventStateError,
  InvalidPayloadError,
  JobPausedError,
  UnknownJobError,
} from '../common/errors';
import { messagePage } from './instances-page';
import { DASHBOARD_HEADERS } from './layout';

const OWN_MESSAGES = new Set(
  Object.values(dashboardMessages).filter((m): m is string => typeof m === 'string'),
);

/** Status and short text of a failure; anything not known to be safe to show is generic. */
export function describeFailure(error: unknown): { status: number; message: string } {
  if (error instanceof UnknownJobError) return { status: 404, message: error.message };
  if (error instanceof EventStateError) return { status: 409, message: error.message };
  if (error instanceof JobPausedError) return { status: 409, message: error.message };
  if (error instanceof InvalidPayloadError) return { status: 400, message: error.message };
  if (error instanceof CronError) return { status: 400, message: error.message };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (OWN_MESSAGES.has(error.message)) return { status, message: error.message };
    if (status === 401 || status === 403) return { status, message: dashboardMessages.refused };
    if (status === 404) return { status, message: dashboardMessages.notFound };
    return { status, message: status < 500 ? error.message : dashboardMessages.failed };
  }
  return { status: 500, message: dashboardMessages.failed };
}

/**
 * Every dashboard failure, a guard's refusal included, answers a short HTML page with the
 * dashboard's headers: never a stack trace, never JSON. Unexpected errors go to the log.
 */
export class DashboardExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RegistersCronDashboard');

  constructor(private readonly base: string) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    const { status, message } = describeFailure(error);
    if (status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (res.headersSent) {
      res.end();
      return;
    }
    res.statusCode = status;
    for (const [name, value] of Object.entries(DASHBOARD_HEADERS)) res.setHeader(name, value);
    const title = status === 401 || status === 403 ? 'Not allowed' : 'Could not do that';
    res.end(messagePage(this.base, title, message).text);
  }
}
