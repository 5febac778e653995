import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DatabaseRegistry, InjectRegistry } from '@registers/db';

export const HEALTH_TIMEOUT_MS = 3000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectRegistry() private readonly registry: DatabaseRegistry) {}

  /** 200 `{ status: 'ok', db: 'up' }`, or 503 `{ status: 'error', db: 'down' }` (no driver detail). */
  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok', db: 'up' } } })
  @ApiServiceUnavailableResponse({ schema: { example: { status: 'error', db: 'down' } } })
  async check(
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<{ status: string; db: string }> {
    const health = await this.registry.health({ timeoutMs: HEALTH_TIMEOUT_MS });
    if (health.ok) return { status: 'ok', db: 'up' };
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'error', db: 'down' };
  }
}
