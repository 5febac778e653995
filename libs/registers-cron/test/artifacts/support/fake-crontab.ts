import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fake `crontab` program in a temporary folder: `-l` prints the state file (or fails with
 * "no crontab for root" when there is none), `-` stores stdin in it; every call is logged.
 * With FAKE_CRONTAB_FAIL set it prints that message on stderr and exits 2.
 */
export class FakeCrontab {
  readonly dir = mkdtempSync(join(tmpdir(), 'registers-crontab-'));
  readonly state = join(this.dir, 'state');
  readonly log = join(this.dir, 'calls.log');

  constructor() {
    const script = [
      '#!/bin/sh',
      `echo "$*" >> '${this.log}'`,
      'if [ -n "$FAKE_CRONTAB_FAIL" ]; then echo "$FAKE_CRONTAB_FAIL" >&2; exit 2; fi',
      'case "$1" in',
      `  -l) if [ -f '${this.state}' ]; then cat '${this.state}'; else echo "no crontab for root" >&2; exit 1; fi ;;`,
      `  -) cat > '${this.state}' ;;`,
      '  *) echo "usage: crontab [-l | -]" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n');
    writeFileSync(join(this.dir, 'crontab'), script);
    chmodSync(join(this.dir, 'crontab'), 0o755);
  }

  /** Environment with the fake first on PATH. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...process.env, PATH: `${this.dir}:${process.env.PATH ?? ''}`, ...extra };
  }

  setState(bytes: string | Buffer): void {
    writeFileSync(this.state, bytes);
  }

  stateBytes(): Buffer | null {
    return existsSync(this.state) ? readFileSync(this.state) : null;
  }

  calls(): string[] {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').split('\n').filter(Boolean) : [];
  }

  clearCalls(): void {
    rmSync(this.log, { force: true });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
