import type {
  CronTrigger,
  FileChangeTrigger,
  IntervalTrigger,
  ManualTrigger,
  WebhookTrigger,
} from '../interfaces/trigger.interface';

export interface IntervalSpec {
  seconds?: number;
  minutes?: number;
  hours?: number;
  /** Shifts the epoch-aligned fires (`{ hours: 1, offsetSeconds: 300 }` fires at :05). */
  offsetSeconds?: number;
}

/**
 * Builds trigger definitions. Nothing is checked here: the explorer validates every
 * trigger at startup, where it can name the job in its message.
 */
export const Trigger = {
  interval(spec: IntervalSpec): IntervalTrigger {
    const everySeconds = (spec.seconds ?? 0) + (spec.minutes ?? 0) * 60 + (spec.hours ?? 0) * 3600;
    return { kind: 'interval', everySeconds, offsetSeconds: spec.offsetSeconds ?? 0 };
  },
  cron(expression: string, options: { timezone?: string } = {}): CronTrigger {
    return { kind: 'cron', expression, timezone: options.timezone ?? 'UTC' };
  },
  manual(): ManualTrigger {
    return { kind: 'manual' };
  },
  webhook(path: string, options: Omit<WebhookTrigger, 'kind' | 'path'> = {}): WebhookTrigger {
    return { kind: 'webhook', path, ...options };
  },
  fileChange(
    globs: string | string[],
    options: { debounceMs?: number; cwd?: string; ignore?: string[] } = {},
  ): FileChangeTrigger {
    return {
      kind: 'fileChange',
      globs: Array.isArray(globs) ? globs : [globs],
      debounceMs: options.debounceMs ?? 500,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.ignore ? { ignore: options.ignore } : {}),
    };
  },
};

/** A one-line description safe to print (never a token or secret). */
export function describeTrigger(
  trigger: IntervalTrigger | CronTrigger | ManualTrigger | WebhookTrigger | FileChangeTrigger,
): string {
  switch (trigger.kind) {
    case 'interval':
      return `every ${trigger.everySeconds}s${trigger.offsetSeconds ? ` +${trigger.offsetSeconds}s` : ''}`;
    case 'cron':
      return `cron ${trigger.expression} (${trigger.timezone})`;
    case 'manual':
      return 'manual';
    case 'webhook':
      return `webhook ${trigger.path}`;
    case 'fileChange':
      return `file change ${trigger.globs.join(', ')}`;
  }
}
