/**
 * Command lines of the scheduled call `<command> cron run <job> --scheduled`, quoted for each
 * place they end up in: a POSIX shell (crontab, GitHub Actions), an argv array (Kubernetes),
 * a systemd `ExecStart=` line, or a Windows command line (Task Scheduler).
 */

/** The arguments the console gets after its own command: `cron run <job> --scheduled`. */
export function scheduledArgs(job: string): string[] {
  return ['cron', 'run', job, '--scheduled'];
}

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell; words that need no quoting are returned as they are. */
export function shellQuote(word: string): string {
  if (SHELL_SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `<command> cron run <job> --scheduled` for a POSIX shell; `command` is used as written. */
export function scheduledShellCommand(command: string, job: string): string {
  return [command.trim(), ...scheduledArgs(job).map(shellQuote)].join(' ');
}

/**
 * Splits a command line into words. `posix`: whitespace separates words, `'…'` is literal,
 * `"…"` honours `\"`, `\\`, `\$` and `` \` ``, and a backslash outside quotes escapes the next
 * character. `windows`: the rules of `CommandLineToArgvW` (backslashes are literal unless they
 * precede a `"`), so `C:\app\main.js` stays intact.
 */
export function splitCommandLine(line: string, flavor: 'posix' | 'windows' = 'posix'): string[] {
  return flavor === 'windows' ? splitWindows(line) : splitPosix(line);
}

function splitPosix(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in command line: ${line}`);
      word += line.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else {
          word += line[i];
          i += 1;
        }
      }
      if (i >= line.length) throw new Error(`unterminated " in command line: ${line}`);
      i += 1;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[i + 1];
      i += 2;
    } else {
      word += ch;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function splitWindows(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (!quoted && (ch === ' ' || ch === '\t')) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (ch === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n += 1;
      if (line[i + n] === '"') {
        word += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) {
          word += '"';
          i += n + 1;
        } else {
          i += n;
        }
      } else {
        word += '\\'.repeat(n);
        i += n;
      }
    } else if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        word += '"';
        i += 2;
      } else {
        quoted = !quoted;
        i += 1;
      }
    } else {
      word += ch;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Quotes one argument so that `CommandLineToArgvW` (and the C runtime) read it back unchanged. */
export function windowsQuote(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    if (ch === '"') {
      out += '\\'.repeat(backslashes * 2 + 1) + '"';
    } else {
      out += '\\'.repeat(backslashes) + ch;
    }
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/**
 * Quotes one word of a systemd `ExecStart=` line: `%` and `$` are doubled (specifiers and
 * variable expansion), words with blanks, quotes or backslashes are double-quoted with C escapes.
 */
export function systemdQuote(word: string): string {
  if (word === ';') return '\\;';
  let out = word;
  if (word === '' || /[\s"'\\]/.test(word)) {
    out = `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
  }
  return out.replace(/%/g, '%%').replace(/\$/g, '$$$$');
}
