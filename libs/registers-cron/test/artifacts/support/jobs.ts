import type { ArtifactContext, ArtifactJob } from '@registers/cron/artifacts';
import { which } from './which';

export const ctx: ArtifactContext = {
  command: 'node /srv/app/dist/apps/sample-console/main.js',
  cwd: '/srv/app',
  platform: 'linux',
};

export const cronJob = (
  name: string,
  expression: string,
  timezone = 'UTC',
  extra: Partial<ArtifactJob> = {},
): ArtifactJob => ({
  name,
  trigger: { kind: 'cron', expression, timezone },
  ...extra,
});

export const intervalJob = (
  name: string,
  everySeconds: number,
  offsetSeconds = 0,
): ArtifactJob => ({
  name,
  trigger: { kind: 'interval', everySeconds, offsetSeconds },
});

export const manualJob = (name: string): ArtifactJob => ({ name, trigger: { kind: 'manual' } });

export const webhookJob = (name: string): ArtifactJob => ({
  name,
  trigger: { kind: 'webhook', path: `/${name}`, token: 'secret' },
});

export const fileChangeJob = (name: string): ArtifactJob => ({
  name,
  trigger: { kind: 'fileChange', globs: ['src/**/*.ts'], debounceMs: 500 },
});

export { which };
