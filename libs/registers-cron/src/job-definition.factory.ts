import { DEFAULT_CATCH_UP_WINDOW_SECONDS, DEFAULT_RETRY_ATTEMPTS } from './common/constants';
import { CronConfigurationError } from './common/errors';
import type { JobDefinition, JobParam, ResolvedRetry } from './interfaces/job-definition.interface';
import type { JobOptions, RetryOptions } from './interfaces/job-options.interface';
import type { TriggerDefinition } from './interfaces/trigger.interface';
import { messages } from './common/messages';
import { timezoneProblem } from './schedule/validate';
import { Trigger } from './triggers/trigger';

const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** `rebuildIndex` → `rebuild-index`, `nightly_report` → `nightly-report`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
}

class OptionChecker {
  constructor(private readonly job: string) {}

  fail(option: string, reason: string): never {
    throw new CronConfigurationError(messages.badOption(this.job, option, reason), {
      job: this.job,
      option,
    });
  }

  number(
    option: string,
    value: unknown,
    rule: { min: number; integer?: boolean; above?: boolean },
  ) {
    if (value === undefined) return;
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (rule.above ? value > rule.min : value >= rule.min) &&
      (!rule.integer || Number.isInteger(value));
    if (!ok)
      this.fail(
        option,
        `must be ${rule.integer ? 'an integer' : 'a number'} ${rule.above ? '>' : '≥'} ${rule.min} (got ${JSON.stringify(value)})`,
      );
  }

  oneOf(option: string, value: unknown, allowed: readonly string[]) {
    if (value !== undefined && !allowed.includes(value as string))
      this.fail(option, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
}

function checkTrigger(check: OptionChecker, trigger: TriggerDefinition): void {
  switch (trigger.kind) {
    case 'interval':
      check.number('trigger.interval', trigger.everySeconds, {
        min: 0,
        integer: true,
        above: true,
      });
      check.number('trigger.offsetSeconds', trigger.offsetSeconds, { min: 0, integer: true });
      if (trigger.offsetSeconds >= trigger.everySeconds)
        check.fail('trigger.offsetSeconds', `must be below the period (${trigger.everySeconds} s)`);
      return;
    case 'cron': {
      if (typeof trigger.expression !== 'string' || trigger.expression.trim() === '')
        check.fail('trigger.cron', 'needs an expression');
      const zone = timezoneProblem(trigger.timezone);
      if (zone) check.fail('trigger.timezone', zone);
      return;
    }
    case 'webhook':
      if (typeof trigger.path !== 'string' || !/^\/[A-Za-z0-9._~\-/]*$/.test(trigger.path))
        check.fail(
          'trigger.webhook',
          `path must start with '/' and use URL path characters (got ${JSON.stringify(trigger.path)})`,
        );
      check.number('trigger.replayWindowSeconds', trigger.replayWindowSeconds, {
        min: 0,
        above: true,
      });
      return;
    case 'fileChange':
      if (
        !Array.isArray(trigger.globs) ||
        trigger.globs.length === 0 ||
        trigger.globs.some((g) => typeof g !== 'string' || g.trim() === '')
      )
        check.fail('trigger.fileChange', 'needs at least one non-empty glob');
      check.number('trigger.debounceMs', trigger.debounceMs, { min: 0, integer: true });
      return;
    case 'manual':
      return;
    default:
      check.fail(
        'trigger',
        `has an unknown kind ${JSON.stringify((trigger as { kind: unknown }).kind)}`,
      );
  }
}

function resolveRetry(check: OptionChecker, retry: RetryOptions | undefined): ResolvedRetry {
  if (!retry) return { policy: 'none', maxAttempts: 1, backoffSeconds: 0, jitterSeconds: 0 };
  check.oneOf('retry.policy', retry.policy, ['none', 'fixed', 'exponential']);
  check.number('retry.maxAttempts', retry.maxAttempts, { min: 1, integer: true });
  check.number('retry.backoffSeconds', retry.backoffSeconds, { min: 0 });
  check.number('retry.maxBackoffSeconds', retry.maxBackoffSeconds, { min: 0 });
  check.number('retry.jitterSeconds', retry.jitterSeconds, { min: 0 });
  const backoffSeconds = retry.backoffSeconds ?? 1;
  if (retry.maxBackoffSeconds !== undefined && retry.maxBackoffSeconds < backoffSeconds)
    check.fail(
      'retry.maxBackoffSeconds',
      `(${retry.maxBackoffSeconds}) is below backoffSeconds (${backoffSeconds})`,
    );
  if (retry.policy === 'none')
    return { policy: 'none', maxAttempts: 1, backoffSeconds: 0, jitterSeconds: 0 };
  return {
    policy: retry.policy,
    maxAttempts: retry.maxAttempts ?? DEFAULT_RETRY_ATTEMPTS,
    backoffSeconds,
    ...(retry.maxBackoffSeconds !== undefined
      ? { maxBackoffSeconds: retry.maxBackoffSeconds }
      : {}),
    jitterSeconds: retry.jitterSeconds ?? 0,
  };
}

/**
 * Validates a `@Job` declaration and resolves its defaults. Every problem is a
 * CronConfigurationError naming the job and the option. Cron expressions are checked
 * separately (`CronRegistry.validateSchedules`) because that loads the cron parser.
 */
export function buildJobDefinition(
  options: JobOptions,
  owner: string,
  methodName: string,
  params: Array<JobParam | undefined>,
  invoke: (args: unknown[]) => unknown,
): JobDefinition {
  const name = options.name ?? kebabCase(methodName);
  const check = new OptionChecker(name);
  if (typeof name !== 'string' || !JOB_NAME.test(name))
    check.fail(
      'name',
      'must be 1–200 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    );
  const trigger = options.trigger ?? Trigger.manual();
  checkTrigger(check, trigger);
  const retry = resolveRetry(check, options.retry);
  check.number('maxRuntimeSeconds', options.maxRuntimeSeconds, { min: 0, above: true });
  check.oneOf('overlap', options.overlap, ['allow', 'skip', 'queue']);
  check.oneOf('catchUp', options.catchUp, ['skip', 'latest', 'all']);
  check.number('catchUpWindowSeconds', options.catchUpWindowSeconds, { min: 0, above: true });
  if (
    options.tags !== undefined &&
    (!Array.isArray(options.tags) || options.tags.some((t) => typeof t !== 'string'))
  )
    check.fail('tags', 'must be an array of strings');
  return {
    name,
    trigger,
    ...(options.description ? { description: options.description } : {}),
    retry,
    ...(options.maxRuntimeSeconds !== undefined
      ? { maxRuntimeSeconds: options.maxRuntimeSeconds }
      : {}),
    overlap: options.overlap ?? 'allow',
    catchUp: options.catchUp ?? 'skip',
    catchUpWindowSeconds: options.catchUpWindowSeconds ?? DEFAULT_CATCH_UP_WINDOW_SECONDS,
    tags: options.tags ?? [],
    enabled: options.enabled ?? true,
    ...(options.deploymentFile ? { deploymentFile: options.deploymentFile } : {}),
    ...(options.target ? { target: options.target } : {}),
    owner: `${owner}.${methodName}`,
    invoke,
    params,
  };
}
