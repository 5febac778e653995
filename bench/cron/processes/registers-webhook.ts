/**
 * Replica of `postgres.webhook`: a Nest HTTP application with the cron runtime and a webhook
 * job (`POST /hooks/bench`, Bearer token) whose handler reports, first thing, which delivery
 * it runs and when it started. `POST /direct` is the anchor on the same server: a plain
 * controller that checks the same token and calls the same handler inside the request.
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Injectable,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, JobPayload, Trigger } from '@registers/cron';
import { cronAppModule, assertStarted } from '../registers-app';
import { wallMs } from '../wall-clock';
import { childConfig, runChild, tell } from './ipc';

interface Delivery {
  n: number;
  round: number;
}

const { url, workers, token } = childConfig<{ url: string; workers: number; token: string }>();

function handle(via: string, delivery: Delivery): void {
  const startedAt = wallMs();
  tell({ type: 'start', via, n: delivery.n, round: delivery.round, startedAt, pid: process.pid });
}

@Injectable()
class WebhookJobs {
  @Job({ name: 'bench-hook', trigger: Trigger.webhook('/bench', { token: () => token }) })
  hook(@JobPayload() delivery: Delivery): void {
    handle('registers', delivery);
  }
}

@Controller('direct')
class DirectController {
  @Post()
  @HttpCode(202)
  receive(@Headers('authorization') authorization: string, @Body() delivery: Delivery) {
    if (authorization !== `Bearer ${token}`) throw new UnauthorizedException();
    handle('direct', delivery);
    return {};
  }
}

runChild(async () => {
  const options = { url, workers };
  const app = await NestFactory.create(cronAppModule(options, [WebhookJobs], [DirectController]), {
    logger: ['error', 'warn'],
  });
  await app.listen(0, '127.0.0.1');
  await assertStarted(app, options);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { stop: () => app.close(), ready: { port } };
});
