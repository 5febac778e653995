import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RegistersCronModule } from '../../src/cron.module';
import { CronRegistry } from '../../src/cron.registry';
import { Job, JobCtx, JobEvent, JobPayload, Watch } from '../../src/decorators';
import { CronConfigurationError } from '../../src/common/errors';
import type { JobOptions } from '../../src/interfaces';
import { kebabCase } from '../../src/job-definition.factory';
import { Trigger } from '../../src/triggers/trigger';

async function registryOf(...providers: Type<unknown>[]): Promise<CronRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [RegistersCronModule.forRoot({ url: 'sqlite::memory:', autoStart: false })],
    providers,
  }).compile();
  await moduleRef.init();
  const registry = moduleRef.get(CronRegistry);
  await moduleRef.close();
  return registry;
}

function jobsWith(options: JobOptions): Type<unknown> {
  @Injectable()
  class Jobs {
    @Job(options)
    handler() {
      return 'x';
    }
  }
  return Jobs;
}

async function startupError(...providers: Type<unknown>[]): Promise<CronConfigurationError> {
  const error = await registryOf(...providers)
    .then((registry) => registry.validateSchedules())
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof CronConfigurationError))
    throw new Error(`expected a CronConfigurationError, got ${String(error)}`);
  return error;
}

describe('declaring jobs', () => {
  it('names jobs after their method in kebab-case and defaults to a manual trigger', async () => {
    @Injectable()
    class Maintenance {
      @Job() rebuildSearchIndex() {}
      @Job({ name: 'custom' }) other() {}
      @Watch('src/**/*.ts', { debounceMs: 250 }) onSourceChange() {}
    }
    const registry = await registryOf(Maintenance);
    expect(registry.names().sort()).toEqual(['custom', 'on-source-change', 'rebuild-search-index']);
    const rebuild = registry.get('rebuild-search-index');
    expect(rebuild).toMatchObject({
      trigger: { kind: 'manual' },
      retry: { policy: 'none', maxAttempts: 1 },
      overlap: 'allow',
      catchUp: 'skip',
      enabled: true,
      owner: 'Maintenance.rebuildSearchIndex',
    });
    expect(registry.get('on-source-change').trigger).toEqual({
      kind: 'fileChange',
      globs: ['src/**/*.ts'],
      debounceMs: 250,
    });
    expect(kebabCase('nightly_report')).toBe('nightly-report');
    expect(kebabCase('HTTPPing')).toBe('http-ping');
  });

  it('defaults maxAttempts to 3 once a retry policy is set', async () => {
    const registry = await registryOf(
      jobsWith({ name: 'r', retry: { policy: 'exponential', backoffSeconds: 2 } }),
    );
    expect(registry.get('r').retry).toEqual({
      policy: 'exponential',
      maxAttempts: 3,
      backoffSeconds: 2,
      jitterSeconds: 0,
    });
  });

  it('passes payload, event and context to the parameters that ask for them', async () => {
    @Injectable()
    class WithParams {
      @Job()
      handle(@JobCtx() ctx: unknown, @JobPayload() payload: unknown, @JobEvent() event: unknown) {
        return [ctx, payload, event];
      }
    }
    const registry = await registryOf(WithParams);
    expect(registry.get('handle').params).toEqual(['ctx', 'payload', 'event']);
  });

  const cases: Array<[string, JobOptions, RegExp, string]> = [
    [
      'an invalid cron expression',
      { name: 'j', trigger: Trigger.cron('61 * * * *') },
      /Job 'j': option 'trigger\.cron' .*61 \* \* \* \*/,
      'trigger.cron',
    ],
    [
      'an unknown time zone',
      { name: 'j', trigger: Trigger.cron('0 2 * * *', { timezone: 'Mars/Base' }) },
      /Job 'j': option 'trigger\.timezone' unknown time zone 'Mars\/Base'/,
      'trigger.timezone',
    ],
    [
      'a negative backoff',
      { name: 'j', retry: { policy: 'fixed', backoffSeconds: -1 } },
      /option 'retry\.backoffSeconds' must be a number ≥ 0/,
      'retry.backoffSeconds',
    ],
    [
      'zero attempts',
      { name: 'j', retry: { policy: 'fixed', maxAttempts: 0 } },
      /option 'retry\.maxAttempts' must be an integer ≥ 1/,
      'retry.maxAttempts',
    ],
    [
      'a cap below the base',
      { name: 'j', retry: { policy: 'exponential', backoffSeconds: 60, maxBackoffSeconds: 10 } },
      /option 'retry\.maxBackoffSeconds' \(10\) is below backoffSeconds \(60\)/,
      'retry.maxBackoffSeconds',
    ],
    [
      'an unknown policy',
      { name: 'j', retry: { policy: 'linear' as never } },
      /option 'retry\.policy' must be one of none, fixed, exponential/,
      'retry.policy',
    ],
    [
      'a webhook path without /',
      { name: 'j', trigger: Trigger.webhook('deploy') },
      /option 'trigger\.webhook' path must start with '\/'/,
      'trigger.webhook',
    ],
    [
      'empty watch globs',
      { name: 'j', trigger: Trigger.fileChange([]) },
      /option 'trigger\.fileChange' needs at least one non-empty glob/,
      'trigger.fileChange',
    ],
    [
      'a zero interval',
      { name: 'j', trigger: Trigger.interval({ seconds: 0 }) },
      /option 'trigger\.interval' must be an integer > 0/,
      'trigger.interval',
    ],
    [
      'an offset past the period',
      { name: 'j', trigger: Trigger.interval({ minutes: 1, offsetSeconds: 60 }) },
      /option 'trigger\.offsetSeconds' must be below the period/,
      'trigger.offsetSeconds',
    ],
    [
      'a bad overlap policy',
      { name: 'j', overlap: 'replace' as never },
      /option 'overlap' must be one of allow, skip, queue/,
      'overlap',
    ],
    ['a bad name', { name: 'has space' }, /option 'name' must be 1–200 letters/, 'name'],
  ];

  it.each(cases)(
    'fails at startup on %s, naming the job and the option',
    async (_, options, message, option) => {
      const error = await startupError(jobsWith(options));
      expect(error.message).toMatch(message);
      expect(error.context).toMatchObject({ option });
    },
  );

  it('refuses two jobs with one name, naming both owners', async () => {
    @Injectable()
    class First {
      @Job({ name: 'sync' }) run() {}
    }
    @Injectable()
    class Second {
      @Job() sync() {}
    }
    const error = await startupError(First, Second);
    expect(error.message).toBe(
      "Duplicate job name 'sync': declared by First.run and by Second.sync. Give one of them another name ({ name: '…' }).",
    );
  });

  it('refuses two webhook jobs on one path', async () => {
    const error = await startupError(
      jobsWith({ name: 'a', trigger: Trigger.webhook('/deploy', { token: 't' }) }),
      jobsWith({ name: 'b', trigger: Trigger.webhook('/deploy', { token: 't' }) }),
    );
    expect(error.message).toMatch(/path '\/deploy' is already used by job 'a'/);
  });
});
