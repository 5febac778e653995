import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CronService } from '@registers/cron';
import { DatabaseRegistry, InjectRegistry } from '@registers/db';
import { ApiErrors } from '../docs/api-errors.decorator';

export const HEALTH_TIMEOUT_MS = 3000;

/** The answer of `GET /health`, 200 or 503. */
export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status!: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) db!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) cron!: 'up' | 'down';
}

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
  @ApiOperation({ summary: 'Whether the database and the job runtime answer' })
  @ApiOkResponse({ type: HealthView, description: 'Everything is up.' })
  @ApiServiceUnavailableResponse({
    type: HealthView,
    description: 'The database or the cron runtime is down (`status: error`).',
  })
  @ApiErrors()
  async check(
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<HealthView> {
    const health = await this.registry.health({ timeoutMs: HEALTH_TIMEOUT_MS });
    const cronUp = health.ok && (await this.cron.healthy().catch(() => false));
    const body: HealthView = {
      status: health.ok && cronUp ? 'ok' : 'error',
      db: health.ok ? 'up' : 'down',
      cron: cronUp ? 'up' : 'down',
    };
    if (body.status === 'error') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
