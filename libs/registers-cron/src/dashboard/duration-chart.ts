import type { RunRecord } from '../interfaces/records.interface';
import { formatDuration, formatInstant } from './format';
import { html, type Html } from './html';

const WIDTH = 200;
const HEIGHT = 40;
const BAR = WIDTH / 50;

const COLOURS: Record<string, string> = {
  succeeded: '#2e9a52',
  failed: '#c83232',
  timeout: '#c83232',
  running: '#3f6fd1',
  skipped: '#9aa2b1',
};

/**
 * Inline SVG of up to 50 runs, oldest on the left: one bar per run, its height the run's
 * duration against the longest shown, its colour the outcome. Each bar has a `<title>` (the
 * status, duration and start), so the chart reads without colour too.
 */
export function durationChart(job: string, newestFirst: RunRecord[]): Html {
  const runs = newestFirst.slice(0, 50).reverse();
  if (!runs.length) return html`<span class="muted">no runs yet</span>`;
  const longest = Math.max(1, ...runs.map((r) => r.durationMs ?? 0));
  const bars = runs.map((run, i) => {
    const h = Math.max(2, Math.round(((run.durationMs ?? 0) / longest) * (HEIGHT - 2)));
    const x = (i * BAR).toFixed(1);
    return html`<rect
      x="${x}"
      y="${HEIGHT - h}"
      width="${(BAR - 1).toFixed(1)}"
      height="${h}"
      fill="${COLOURS[run.status] ?? '#9aa2b1'}"
      ><title>
        ${run.status}, ${formatDuration(run.durationMs)}, ${formatInstant(run.startedAt)}
      </title></rect
    >`;
  });
  const failed = runs.filter((r) => r.status === 'failed' || r.status === 'timeout').length;
  const label = `${job}: last ${runs.length} runs, ${failed} failed, longest ${formatDuration(longest)}`;
  return html`<svg
    role="img"
    aria-label="${label}"
    width="${WIDTH}"
    height="${HEIGHT}"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    xmlns="http://www.w3.org/2000/svg"
  >
    ${bars}
  </svg>`;
}
