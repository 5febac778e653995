import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configurePasswordPolicy, DatabaseRegistry, type PasswordHashPolicy } from '@registers/db';
import request from 'supertest';
import { SampleApiModule } from '../../src/sample-api.module';
import { setupDocs } from '../../src/setup-docs';

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

/** The sample API in process (same module, pipes, filter and docs as main.ts) on `databaseUrl`. */
export async function startApi(databaseUrl: string): Promise<ApiHarness> {
  const moduleRef = await Test.createTestingModule({
    imports: [SampleApiModule.forRoot({ databaseUrl })],
  }).compile();
  const app = moduleRef.createNestApplication();
  const logger = new RecordingLogger();
  app.useLogger(logger);
  setupDocs(app);
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
