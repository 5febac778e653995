/**
 * `npm run bench -- --report`: turns results/latest.json into the results section of
 * bench/README.md (between the markers) and results/chart.svg. Also run after a full run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFactor, formatMeasured, formatMs, verdict } from './format';
import { AreaRun, LatestResults, readLatest, RESULTS_DIR } from './results';
import { TargetResult, WorkloadResult } from './workload';

export const README_FILE = join(__dirname, '..', 'README.md');
export const CHART_FILE = join(RESULTS_DIR, 'chart.svg');
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export function writeReport(latest: LatestResults | null = readLatest()): string[] {
  if (!latest) throw new Error('no bench/results/latest.json yet: run `npm run bench` first');
  const runs = Object.values(latest.areas);
  writeFileSync(CHART_FILE, renderChart(runs));
  const section = renderMarkdown(runs);
  const readme = existsSync(README_FILE) ? readFileSync(README_FILE, 'utf8') : `${START}\n${END}\n`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`bench/README.md needs the markers ${START} and ${END}`);
  writeFileSync(
    README_FILE,
    `${readme.slice(0, start + START.length)}\n${section}\n${readme.slice(end)}`,
  );
  return [README_FILE, CHART_FILE];
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function renderMarkdown(runs: AreaRun[]): string {
  const out: string[] = [];
  for (const run of runs) {
    const e = run.environment;
    out.push(
      `**${run.area}** — ${e.date.slice(0, 16).replace('T', ' ')} UTC, commit ${e.commit ?? '?'}, ` +
        `Node ${e.node}, ${e.cpu} × ${e.cores} cores, ${e.memoryGb} GB; ` +
        `${[...new Set(run.workloads.map((w) => w.rounds))].join('/')} rounds${run.options.quick ? ' (--quick)' : ''}, ` +
        `load average ${e.loadAverage[0]} at the start.`,
      '',
    );
  }
  const workloads = runs.flatMap((r) => r.workloads);
  const targets = workloads.flatMap((w) => w.targets.map((t) => ({ w, t })));
  out.push(
    '| workload | target | measured | | best possible¹ |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const { w, t } of targets) {
    out.push(
      `| ${cell(`${w.group} ${w.title}`)} | ${cell(t.text)} | ${cell(formatMeasured(t))} | ${verdict(t.pass)} | ${ceiling(w, t)} |`,
    );
  }
  out.push(
    '',
    '¹ For a speed-up target: the anchor ÷ the raw driver, i.e. the speed-up registers would show if it ran exactly as fast as the raw driver. Below the target means the target cannot be met on this machine whatever the library does.',
  );
  out.push('', 'Medians per timed call (lower is better):');
  for (const run of runs) {
    // One table per area, with the contenders that area has, in the order they ran.
    const columns = [...new Set(run.workloads.flatMap((w) => w.contenders.map((c) => c.name)))];
    out.push(
      '',
      `| ${run.area} | ${columns.join(' | ')} |`,
      `| --- |${' ---: |'.repeat(columns.length)}`,
    );
    for (const w of run.workloads) {
      const cols = columns.map((name) => {
        const c = w.contenders.find((x) => x.name === name);
        if (!c) return '';
        if (c.skipped) return 'skipped';
        if (c.error) return 'error';
        return formatMs(c.medianMs);
      });
      out.push(`| ${cell(`${w.group} ${w.title}`)} | ${cols.join(' | ')} |`);
    }
  }
  const notes = workloads.flatMap((w) =>
    w.contenders
      .filter((c) => c.skipped || c.error)
      .map((c) => `- ${w.id} ${c.name}: ${cell(c.skipped ?? c.error ?? '')}`),
  );
  if (notes.length) out.push('', 'Not measured:', '', ...notes);
  out.push('', '![Share of each target’s budget used](results/chart.svg)');
  return out.join('\n');
}

function ceiling(w: WorkloadResult, t: TargetResult): string {
  if (t.kind !== 'faster-by') return '';
  const name = t.anchor ?? String(t.against);
  const anchor = w.contenders.find((c) => c.name === name)?.medianMs;
  const raw = w.contenders.find((c) => c.name === 'raw')?.medianMs;
  return anchor && raw ? `${formatFactor(anchor / raw)} (${name} ÷ raw)` : '';
}

/** Budget used: measured ÷ allowed, so 1 is the target line and every target reads the same way. */
export function budgetUsed(t: TargetResult): number | null {
  switch (t.kind) {
    case 'at-most':
    case 'under-ms':
      return t.ratio === null ? null : t.ratio / t.value;
    case 'rate-at-least':
      return t.ratio === null || t.ratio === 0 ? null : t.value / t.ratio;
    case 'faster-by':
      return t.speedup === null || t.speedup === 0 ? null : t.value / t.speedup;
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderChart(runs: AreaRun[]): string {
  const rows: Array<{ label: string; t: TargetResult; used: number | null }> = runs
    .flatMap((r) => r.workloads)
    .flatMap((w: WorkloadResult) =>
      w.targets.map((t) => ({
        label: `${w.group} ${w.title} — ${t.text}`,
        t,
        used: budgetUsed(t),
      })),
    );
  const labelW = 430;
  const barW = 320;
  const rowH = 22;
  const top = 40;
  const maxUsed = Math.max(2, ...rows.map((r) => r.used ?? 0));
  const scale = barW / Math.min(maxUsed, 6);
  const height = top + rows.length * rowH + 30;
  const width = labelW + barW + 90;
  const x1 = labelW + scale;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">@registers bench: share of each target's budget used (≤ 1 meets the target)</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${escapeXml(r.label)}</text>`,
    );
    if (r.used === null) {
      parts.push(`<text x="${labelW + 4}" y="${y + 15}" fill="#888">not measured</text>`);
      return;
    }
    const w = Math.max(1, Math.min(r.used, 6) * scale);
    const color = r.used <= 1 ? '#2e9d5b' : '#d0463c';
    parts.push(
      `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${color}"/>`,
    );
    parts.push(
      `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + 15}">${escapeXml(formatMeasured(r.t))}</text>`,
    );
  });
  parts.push(
    `<line x1="${x1}" y1="${top - 4}" x2="${x1}" y2="${height - 24}" stroke="#333" stroke-dasharray="4 3"/>`,
  );
  parts.push(`<text x="${x1}" y="${height - 10}" text-anchor="middle">target</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
