import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Runs the browser suite in a jest of its own, with Chromium pointed somewhere empty. */
function browserSuiteWithoutChromium(ci: boolean) {
  return spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--runTestsByPath',
      join(__dirname, 'dashboard.browser.spec.ts'),
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 110_000,
      env: {
        ...process.env,
        CI: ci ? 'true' : 'false',
        REGISTERS_TEST_CHROMIUM: '/nonexistent/chromium',
        REGISTERS_TEST_DIALECTS: 'sqlite',
      },
    },
  );
}

describe('browser tests without Chromium', () => {
  it('fail under CI=true, naming the missing binary and the fix', () => {
    const run = browserSuiteWithoutChromium(true);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '/nonexistent/chromium is missing: run scripts/ensure-services.sh',
    );
  });

  it('are skipped with a note elsewhere', () => {
    const run = browserSuiteWithoutChromium(false);
    expect(run.status).toBe(0);
    expect(run.stderr + run.stdout).toMatch(
      /no \/nonexistent\/chromium: bash scripts\/ensure-services\.sh/,
    );
    expect(run.stderr).toMatch(/Tests:\s+7 skipped, 7 total/);
  });
});
