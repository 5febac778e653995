import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  SetMetadata,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { dashboardMessages } from './common/dashboard-messages';
import { CronOrchestrator } from './cron.orchestrator';
import { CronService } from './cron.service';
import {
  appendSetCookie,
  csrfCookie,
  csrfTokenOf,
  csrfValid,
  CSRF_FIELD,
  newCsrfToken,
} from './dashboard/csrf';
import type { DashboardConfig } from './dashboard/dashboard-config';
import { DashboardExceptionFilter } from './dashboard/dashboard-exception.filter';
import { DashboardPages, type RunsQuery } from './dashboard/dashboard-pages';
import { formFields, FormBodyTooLarge, type DashboardRequest } from './dashboard/form-body';
import type { Html } from './dashboard/html';
import { DASHBOARD_HEADERS } from './dashboard/layout';
import type { ViewContext } from './dashboard/view-context';

const idOf = (text: string | undefined): number => {
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text)) throw new NotFoundException();
  return Number(text);
};

const stringParam = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The JSON object typed in the trigger form (empty means `{}`). */
function parsePayload(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestException(dashboardMessages.payloadNotJson);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new BadRequestException(dashboardMessages.payloadNotJson);
  return value as Record<string, unknown>;
}

/**
 * Builds the controller of the jobs dashboard at `config.base`: GET pages rendered on the
 * server, and (unless read-only) POST actions that go through `CronService`, each checked
 * against the CSRF token of the page it came from. The guard approves every route; every
 * failure is a short HTML page (DashboardExceptionFilter).
 */
export function dashboardController(config: DashboardConfig): Type<unknown> {
  class RegistersCronDashboardController {
    private readonly pages: DashboardPages;

    constructor(
      @Inject(CronService) private readonly cron: CronService,
      @Inject(CronOrchestrator) private readonly orchestrator: CronOrchestrator,
    ) {
      this.pages = new DashboardPages(cron, config.pageSize);
    }

    /** Renders a page with the dashboard's headers and, when actions are on, a form token. */
    private async page(
      req: DashboardRequest,
      res: ServerResponse,
      render: (ctx: ViewContext) => Promise<Html>,
    ): Promise<void> {
      let csrf: string | null = null;
      if (!config.readOnly) {
        csrf = csrfTokenOf(req) ?? newCsrfToken();
        const secure = (req.socket as TLSSocket).encrypted === true;
        appendSetCookie(res, csrfCookie(csrf, config.base || '/', secure));
      }
      const ctx: ViewContext = {
        base: config.base,
        csrf,
        now: this.orchestrator.clock.now(),
        secretFields: config.secretFields,
      };
      const body = (await render(ctx)).text;
      for (const [name, value] of Object.entries(DASHBOARD_HEADERS)) res.setHeader(name, value);
      res.statusCode = 200;
      res.end(body);
    }

    /** Runs an action once the dashboard accepts actions and the form token matches; then 303. */
    private async act(
      req: DashboardRequest,
      res: ServerResponse,
      action: (fields: Record<string, string>) => Promise<string>,
    ): Promise<void> {
      if (config.readOnly) throw new ForbiddenException(dashboardMessages.readOnly);
      let fields: Record<string, string>;
      try {
        fields = await formFields(req);
      } catch (error) {
        if (error instanceof FormBodyTooLarge)
          throw new PayloadTooLargeException(dashboardMessages.formTooLarge);
        throw error;
      }
      if (!csrfValid(req, fields[CSRF_FIELD]))
        throw new ForbiddenException(dashboardMessages.badCsrf);
      const target = await action(fields);
      for (const [name, value] of Object.entries(DASHBOARD_HEADERS)) res.setHeader(name, value);
      res.statusCode = 303;
      res.setHeader('Location', `${config.base}${target}`);
      res.end();
    }

    @Get()
    jobs(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      return this.page(req, res, (ctx) => this.pages.jobs(ctx));
    }

    @Get('runs')
    runs(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      const q: RunsQuery = {};
      const job = stringParam(req.query?.job);
      const status = stringParam(req.query?.status);
      const before = stringParam(req.query?.before);
      if (job) q.job = job;
      if (status) q.status = status;
      if (before) q.before = before;
      return this.page(req, res, (ctx) => this.pages.runs(ctx, q));
    }

    @Get('events/:id')
    event(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      const id = idOf(req.params?.id);
      return this.page(req, res, (ctx) => this.pages.event(ctx, id));
    }

    @Get('dead-letters')
    deadLetters(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      return this.page(req, res, (ctx) => this.pages.deadLetters(ctx));
    }

    @Get('instances')
    instances(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      return this.page(req, res, (ctx) => this.pages.instances(ctx));
    }

    @Post('jobs/:name/trigger')
    trigger(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      return this.act(req, res, async (fields) => {
        const payload = parsePayload(fields.payload);
        const id = await this.cron.trigger(req.params?.name ?? '', payload, { source: 'manual' });
        return `/events/${id}`;
      });
    }

    @Post('jobs/:name/pause')
    pause(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      return this.act(req, res, async () => {
        await this.cron.pause(req.params?.name ?? '');
        return '/';
      });
    }

    @Post('jobs/:name/resume')
    resume(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      return this.act(req, res, async () => {
        await this.cron.resume(req.params?.name ?? '');
        return '/';
      });
    }

    @Post('events/:id/retry')
    retry(@Req() req: DashboardRequest, @Res() res: ServerResponse): Promise<void> {
      return this.act(req, res, async () => {
        const id = idOf(req.params?.id);
        await this.cron.retry(id);
        return `/events/${id}`;
      });
    }
  }
  UseGuards(config.guard)(RegistersCronDashboardController);
  UseFilters(new DashboardExceptionFilter(config.base))(RegistersCronDashboardController);
  Controller(config.base || '/')(RegistersCronDashboardController);
  // Pages for people, not API: kept out of an OpenAPI document (@nestjs/swagger's
  // ApiExcludeController sets this key) without depending on @nestjs/swagger.
  SetMetadata('swagger/apiExcludeController', [true])(RegistersCronDashboardController);
  return RegistersCronDashboardController;
}
