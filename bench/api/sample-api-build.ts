import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SAMPLE_API_MAIN = join(REPO_ROOT, 'dist', 'apps', 'sample-api', 'main.js');

/** Newest modification time of the TypeScript sources under a directory (tests excluded). */
function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the sample API as `npm run build` does (`nest build sample-api`, webpack, one main.js)
 * when it is missing, older than its sources (apps/sample-api/src, libs) or when forced. A
 * failed build falls back to an existing main.js, reported; without one the area is skipped.
 */
export function buildSampleApi(force: boolean, log: (line: string) => void): string | null {
  const stale = () =>
    ['apps/sample-api/src', 'libs'].some(
      (d) => newestSourceMs(join(REPO_ROOT, d)) > statSync(SAMPLE_API_MAIN).mtimeMs,
    );
  if (force || !existsSync(SAMPLE_API_MAIN) || stale()) {
    log('api: building the sample API (npx nest build sample-api) …');
    const res = spawnSync('npx', ['nest', 'build', 'sample-api'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (res.status !== 0) {
      const why = (res.stdout + res.stderr).trim().split('\n').slice(0, 5).join('\n    ');
      log(`api: the sample API does not build:\n    ${why}`);
      if (!existsSync(SAMPLE_API_MAIN)) return null;
      log(`api: using the previous build from ${statSync(SAMPLE_API_MAIN).mtime.toISOString()}`);
    }
  }
  return SAMPLE_API_MAIN;
}
