import { ProgressBar } from '../interfaces/command-context.interface';

const NOOP: ProgressBar = { tick() {}, update() {}, done() {} };

/** A one-line bar on stderr, redrawn in place; a no-op when not rendering. */
export function createProgressBar(
  stderr: { write(chunk: string): unknown },
  render: boolean,
  total: number,
  label = '',
): ProgressBar {
  if (!render || !(total > 0)) return NOOP;
  let value = 0;
  let finished = false;
  const width = 30;
  const draw = () => {
    const ratio = Math.min(1, Math.max(0, value / total));
    const filled = Math.round(ratio * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    stderr.write(
      `\r${label ? `${label} ` : ''}[${bar}] ${value}/${total} ${Math.round(ratio * 100)}%`,
    );
  };
  draw();
  return {
    tick(step = 1) {
      if (finished) return;
      value = Math.min(total, value + step);
      draw();
    },
    update(next: number) {
      if (finished) return;
      value = Math.min(total, Math.max(0, next));
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      stderr.write('\r\x1b[2K');
    },
  };
}
