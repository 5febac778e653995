import {
  BadRequestException,
  ConflictException,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Logger,
  NotFoundException,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
  type Type,
} from '@nestjs/common';
import {
  DEFAULT_REPLAY_WINDOW_SECONDS,
  DEFAULT_WEBHOOK_BODY_LIMIT_BYTES,
  REGISTERS_CRON_OPTIONS,
} from './common/constants';
import { CronOrchestrator } from './cron.orchestrator';
import { InvalidPayloadError, JobPausedError, UnknownJobError } from './common/errors';
import { messages } from './common/messages';
import type { RegistersCronModuleOptions } from './interfaces/cron-module-options.interface';
import type { WebhookTrigger } from './interfaces/trigger.interface';
import { presentedToken, signatureProblem, tokenMatches } from './webhooks/webhook-auth';
import {
  header,
  payloadOf,
  readWebhookBody,
  type WebhookRequest,
} from './webhooks/webhook-request';

export interface WebhookAccepted {
  eventId: number;
}

/** Longest `Idempotency-Key` accepted (the events table keeps 255 characters). */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The job path of a call: the wildcard part of the route, with a leading `/` and no trailing one. */
function jobPath(req: WebhookRequest): string {
  const param = req.params?.path;
  const joined = Array.isArray(param) ? param.join('/') : (param ?? '');
  const trimmed = joined.replace(/\/+$/, '');
  return `/${trimmed.replace(/^\/+/, '')}`;
}

/**
 * Builds the controller that serves webhook triggers under `prefix`: `POST <prefix><path>`
 * checks the job's token (and HMAC signature when it has a secret), takes the JSON body as
 * the payload and answers 202 `{ eventId }`. Nothing is enqueued unless every check passes;
 * tokens and secrets never appear in a response, a log line or an error.
 */
export function webhookController(prefix: string): Type<unknown> {
  class RegistersCronWebhookController {
    private readonly logger = new Logger('RegistersCron');
    private readonly warned = new Set<string>();

    constructor(
      @Inject(CronOrchestrator) private readonly orchestrator: CronOrchestrator,
      @Inject(REGISTERS_CRON_OPTIONS) private readonly options: RegistersCronModuleOptions,
    ) {}

    private warnOnce(key: string, message: string, level: 'warn' | 'error' = 'warn'): void {
      if (this.warned.has(key)) return;
      this.warned.add(key);
      this.logger[level](message);
    }

    @Post('*path')
    @HttpCode(HttpStatus.ACCEPTED)
    async receive(@Req() req: WebhookRequest): Promise<WebhookAccepted> {
      const path = jobPath(req);
      const engine = this.orchestrator.engine;
      const job = engine.registry.byWebhookPath(path);
      if (!job || job.trigger.kind !== 'webhook') {
        throw new NotFoundException(messages.noWebhookAt(`${prefix.replace(/\/+$/, '')}${path}`));
      }
      const trigger: WebhookTrigger = job.trigger;
      const expectedToken = typeof trigger.token === 'function' ? trigger.token() : trigger.token;

      if (!expectedToken) {
        this.warnOnce(`token:${job.name}`, messages.webhookWithoutToken(job.name));
        throw new UnauthorizedException(messages.badWebhookToken);
      }
      const given = presentedToken(header(req, 'authorization'), header(req, 'x-webhook-token'));
      if (!tokenMatches(given, expectedToken)) {
        this.logger.debug(messages.webhookRefused(job.name, 'missing or invalid token'));
        throw new UnauthorizedException(messages.badWebhookToken);
      }

      if (!job.enabled) throw new ConflictException(messages.jobDisabled(job.name));

      const limit = this.options.webhookBodyLimitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT_BYTES;
      const body = await readWebhookBody(req, limit);

      if (trigger.hmacSecret) {
        if (!('raw' in body)) {
          this.warnOnce('rawBody', messages.rawBodyUnavailable, 'error');
          throw new ServiceUnavailableException(messages.rawBodyMisconfigured);
        }
        const problem = signatureProblem({
          secret: trigger.hmacSecret,
          signature: header(req, 'x-signature'),
          timestamp: header(req, 'x-timestamp'),
          body: body.raw,
          nowMs: Date.now(),
          windowSeconds: trigger.replayWindowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS,
        });
        if (problem) {
          this.logger.debug(messages.webhookRefused(job.name, `bad ${problem}`));
          throw new UnauthorizedException(
            problem === 'timestamp' ? messages.outsideReplayWindow : messages.badWebhookSignature,
          );
        }
      }

      const payload = payloadOf(req, body);
      const idempotencyKey = header(req, 'idempotency-key');
      if (
        idempotencyKey !== undefined &&
        (idempotencyKey === '' || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)
      ) {
        throw new BadRequestException(messages.badIdempotencyKey(MAX_IDEMPOTENCY_KEY_LENGTH));
      }

      try {
        const { eventId } = await engine.enqueue(job.name, payload, {
          source: 'webhook',
          ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
        });
        return { eventId };
      } catch (error) {
        if (error instanceof JobPausedError) throw new ConflictException(error.message);
        if (error instanceof InvalidPayloadError) throw new BadRequestException(error.message);
        if (error instanceof UnknownJobError) throw new NotFoundException(error.message);
        throw error;
      }
    }
  }
  Controller(prefix)(RegistersCronWebhookController);
  return RegistersCronWebhookController;
}
