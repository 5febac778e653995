import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by scripts/ensure-services.sh. */
export const CHROMIUM_PATH = process.env.REGISTERS_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Where browser tests save screenshots (git-ignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'dashboard');

/**
 * Browser suites: skipped with a visible note when Chromium is missing on a workstation, but
 * failing under CI=true, where the services script must have installed it.
 */
export function describeWithChromium(title: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('has Chromium to drive', () => {
        throw new Error(
          `${CHROMIUM_PATH} is missing: run scripts/ensure-services.sh (apt-get install chromium).`,
        );
      });
    });
  } else {
    const note = `no ${CHROMIUM_PATH}: bash scripts/ensure-services.sh`;
    console.warn(`${title}: skipped (${note})`);
    describe.skip(`${title} (${note})`, body);
  }
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}
