import * as readline from 'node:readline';
import { CliIO } from './cli-io';

/** Asks a yes/no question on the terminal; Ctrl-C resolves to `null` (interrupted). */
export function askYesNo(io: CliIO, question: string): Promise<boolean | null> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({
      input: io.stdin,
      output: io.stderr as NodeJS.WritableStream,
      terminal: (io.stdin as { isTTY?: boolean }).isTTY === true,
    });
    let settled = false;
    const finish = (answer: boolean | null) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(answer);
    };
    rl.on('SIGINT', () => {
      io.stderr.write('\n');
      finish(null);
    });
    rl.on('close', () => finish(false));
    rl.question(`${question} [y/N] `, (answer) => finish(/^(y|yes)$/i.test(answer.trim())));
  });
}
