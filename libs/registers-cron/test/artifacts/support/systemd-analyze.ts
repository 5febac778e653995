import { spawnSync } from 'node:child_process';
import { which } from './which';

/** `systemd-analyze` on PATH, or null (the checks that need it are then left out). */
export const SYSTEMD_ANALYZE = which('systemd-analyze');

/** The next `count` elapses of an OnCalendar value after `base`, from `systemd-analyze calendar`. */
export function systemdElapses(spec: string, base: Date, count: number): number[] {
  const r = spawnSync(
    SYSTEMD_ANALYZE!,
    [
      'calendar',
      `--iterations=${count}`,
      `--base-time=@${Math.floor(base.getTime() / 1000)}`,
      spec,
    ],
    { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', SYSTEMD_COLORS: '0' } },
  );
  if (r.status !== 0) throw new Error(`systemd-analyze calendar '${spec}' failed: ${r.stderr}`);
  return [
    ...r.stdout.matchAll(
      /(?:Next elapse|Iter\. #\d+): \w{3} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/g,
    ),
  ].map((m) => Date.parse(`${m[1].replace(' ', 'T')}Z`));
}

/** `systemd-analyze verify` on unit files; returns its status and output. */
export function systemdVerify(files: string[]): { status: number | null; output: string } {
  const r = spawnSync(SYSTEMD_ANALYZE!, ['verify', '--man=no', ...files], {
    encoding: 'utf8',
    env: { ...process.env, SYSTEMD_COLORS: '0' },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
