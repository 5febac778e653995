import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The sample apps the bench runs, as `nest build` names them. */
export type SampleApp = 'sample-console' | 'sample-api';

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
 * Builds a sample app the way `npm run build` does (`nest build <app>`: webpack, one main.js)
 * when it is missing, older than its sources (`apps/<app>/src`, `libs`) or when forced, and
 * returns its main.js. A failed build falls back to an existing main.js, reported; without
 * one it returns null and the area skips the workloads that need it.
 */
export function buildSample(
  app: SampleApp,
  area: string,
  force: boolean,
  log: (line: string) => void,
): string | null {
  const main = join(REPO_ROOT, 'dist', 'apps', app, 'main.js');
  const stale = () =>
    [`apps/${app}/src`, 'libs'].some(
      (d) => newestSourceMs(join(REPO_ROOT, d)) > statSync(main).mtimeMs,
    );
  if (force || !existsSync(main) || stale()) {
    log(`${area}: building the ${app} (npx nest build ${app}) …`);
    const res = spawnSync('npx', ['nest', 'build', app], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (res.status !== 0) {
      const why = (res.stdout + res.stderr).trim().split('\n').slice(0, 5).join('\n    ');
      log(`${area}: the ${app} does not build:\n    ${why}`);
      if (!existsSync(main)) return null;
      log(`${area}: using the previous build from ${statSync(main).mtime.toISOString()}`);
    }
  }
  return main;
}
