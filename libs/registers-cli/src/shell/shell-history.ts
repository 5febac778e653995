import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RegistersCliModuleOptions } from '../interfaces/cli-module-options.interface';

export function defaultHistoryFile(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '_');
  let home = '';
  try {
    home = os.homedir();
  } catch {
    home = '';
  }
  return path.join(home || process.cwd(), `.${safe}_history`);
}

/** The shell's history file: read at start (newest first, as readline wants), appended per line. */
export class ShellHistory {
  readonly file: string | undefined;
  readonly size: number;

  constructor(options: RegistersCliModuleOptions) {
    this.file =
      options.history === false
        ? undefined
        : (options.history?.file ?? defaultHistoryFile(options.name));
    this.size = (options.history && options.history.size) || 500;
  }

  load(): string[] {
    if (!this.file) return [];
    try {
      const lines = fs.readFileSync(this.file, 'utf8').split('\n').filter(Boolean);
      const kept = lines.slice(-this.size);
      // Appends grow the file; keep it near the configured size.
      if (lines.length > 2 * this.size)
        fs.writeFileSync(this.file, `${kept.join('\n')}\n`, { mode: 0o600 });
      return kept.reverse();
    } catch {
      return [];
    }
  }

  append(line: string): void {
    if (!this.file) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.appendFileSync(this.file, `${line.replace(/\n/g, ' ')}\n`, { mode: 0o600 });
    } catch {
      // history is a convenience; an unwritable file must not break the shell
    }
  }
}
