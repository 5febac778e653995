import { CliIO } from './cli-io';
import { GlobalValues } from '../parser/global-values';

const HEADING = /^(Usage|Commands|Groups|Global options|Arguments|Options|Examples|Aliases):/gm;

/** Colors only on a terminal, without --no-color and without NO_COLOR in the environment. */
export function useColor(io: CliIO, globals: GlobalValues, stream: 'stdout' | 'stderr'): boolean {
  const tty = stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
  return tty && globals.color && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

export function boldHeadings(text: string): string {
  return text.replace(HEADING, (heading) => `\x1b[1m${heading}\x1b[0m`);
}

export function red(text: string): string {
  return `\x1b[31m${text}\x1b[0m`;
}
