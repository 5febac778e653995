import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CronService } from '@registers/cron';
import { DatabaseRegistry, InjectRegistry } from '@registers/db';

export const HEALTH_TIMEOUT_MS = 3000;

type Health = { status: 'ok' | 'error'; db: 'up' | 'down'; cron: 'up' | 'down' };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectRegistry() private readonly registry: DatabaseRegistry,
    private readonly cron: CronService,
  ) {}

  /**
   * 200 `{ status: 'ok', db: 'up', cron: 'up' }`; 503 with `status: 'error'` when the database
   * does not answer or this instance's cron heartbeat is stale (no driver detail either way).
   */
  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok', db: 'up', cron: 'up' } } })
  @ApiServiceUnavailableResponse({
    schema: { example: { status: 'error', db: 'down', cron: 'down' } },
  })
  async check(
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<Health> {
    const health = await this.registry.health({ timeoutMs: HEALTH_TIMEOUT_MS });
    const cronUp = health.ok && (await this.cron.healthy().catch(() => false));
    const body: Health = {
      status: health.ok && cronUp ? 'ok' : 'error',
      db: health.ok ? 'up' : 'down',
      cron: cronUp ? 'up' : 'down',
    };
    if (body.status === 'error') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
