import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configurePasswordPolicy, DatabaseRegistry, type PasswordHashPolicy } from '@registers/db';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { prepareSampleApi } from '../../src/create-sample-api';
import { SAMPLE_API_APP_OPTIONS } from '../../src/http/http-boundary';
import { SampleApiModule } from '../../src/sample-api.module';

/** Everything the application logged, to check that no secret reaches a log. */
export class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  private record(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push(
      [level, message, ...rest]
        .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
        .join(' '),
    );
  }
  log(message: unknown, ...rest: unknown[]) {
    this.record('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.record('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.record('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.record('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.record('verbose', message, rest);
  }
}

export interface ApiHarness {
  app: INestApplication;
  registry: DatabaseRegistry;
  logger: RecordingLogger;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The sample API in process (same module, pipes, filter, body parsing and docs as main.ts) on
 * `databaseUrl`.
 */
export async function startApi(databaseUrl: string): Promise<ApiHarness> {
  const moduleRef = await Test.createTestingModule({
    imports: [SampleApiModule.forRoot({ databaseUrl })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(SAMPLE_API_APP_OPTIONS);
  const logger = new RecordingLogger();
  app.useLogger(logger);
  prepareSampleApi(app);
  await app.init();
  return {
    app,
    registry: app.get(DatabaseRegistry),
    logger,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}

/**
 * Fast hashes for the suites of this file (the scheme and format stay the production ones);
 * the previous policy comes back after them.
 */
export function useFastPasswordHashes(): void {
  let previous: PasswordHashPolicy | undefined;
  beforeAll(() => {
    previous = configurePasswordPolicy({ iterations: 1_000 });
  });
  afterAll(() => {
    if (previous) configurePasswordPolicy(previous);
  });
}

/** Two decimals at most, as a JSON number. */
export function hasAtMostTwoDecimals(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    /^-?\d+(\.\d{1,2})?$/.test(JSON.stringify(value))
  );
}

export interface RawResponse {
  status: number;
  text: string;
  body: unknown;
}

/**
 * One request with exactly these headers and bytes, over plain node:http: supertest's client
 * does not send a `content-encoding: gzip` body as given.
 */
export async function rawRequest(
  api: ApiHarness,
  options: { method: string; path: string; headers: Record<string, string>; body: Buffer },
): Promise<RawResponse> {
  const server = api.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: { ...options.headers, 'content-length': String(options.body.length) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode!, text, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
