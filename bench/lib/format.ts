import { anchorName, TargetResult, WorkloadResult } from './workload';

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatUs(us: number | null): string {
  if (us === null) return '—';
  if (us >= 10_000) return formatMs(us / 1000);
  if (us >= 100) return `${us.toFixed(0)} µs`;
  return `${us.toFixed(1)} µs`;
}

export function formatFactor(x: number | null): string {
  if (x === null) return '—';
  return x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

/** "2.10× raw" for floors, "12.3× faster than typeorm" for speed-ups. */
export function formatMeasured(t: TargetResult): string {
  const anchor = t.anchor ?? anchorName(t.against);
  switch (t.kind) {
    case 'rate-at-least':
      return t.ratio === null ? '—' : `${Math.round(t.ratio).toLocaleString('en-US')}/s`;
    case 'under-ms':
      return formatMs(t.ratio);
    case 'at-most':
      return t.ratio === null ? '—' : `${formatFactor(t.ratio)} ${anchor}`;
    case 'faster-by':
      if (t.speedup === null) return '—';
      return t.speedup >= 1
        ? `${formatFactor(t.speedup)} faster than ${anchor}`
        : `${formatFactor(1 / t.speedup)} slower than ${anchor}`;
  }
}

export function verdict(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL';
}

function pad(s: string, n: number, right = false): string {
  const len = [...s].length;
  return len >= n ? s : right ? ' '.repeat(n - len) + s : s + ' '.repeat(n - len);
}

/** Plain-text block for one workload: one line per contender, then one per target. */
export function formatWorkload(r: WorkloadResult): string {
  const lines = [
    `${r.group} · ${r.title}   (${r.rounds} rounds after ${r.warmup} warm-up, ${r.wallSeconds} s)`,
  ];
  const subject = r.contenders.find((c) => c.name === r.subject);
  for (const c of r.contenders) {
    const base = `  ${pad(c.name, 18)} ${pad(c.label, 52)}`;
    if (c.skipped) {
      lines.push(`${base} skipped: ${c.skipped}`);
      continue;
    }
    if (c.error) {
      lines.push(`${base} error: ${c.error}`);
      continue;
    }
    let rel = '';
    if (c !== subject && subject?.medianMs && c.medianMs) {
      rel = `registers/this = ${formatFactor(subject.medianMs / c.medianMs)}`;
    }
    lines.push(
      `${base} ${pad(formatMs(c.medianMs), 10, true)} ${pad(formatUs(c.perOpUs), 10, true)}/op  ${rel}`,
    );
  }
  for (const t of r.targets) {
    lines.push(
      `  target ${pad(t.text, 34)} measured ${pad(formatMeasured(t), 30)} ${verdict(t.pass)}`,
    );
  }
  return lines.join('\n');
}

export function formatSummary(results: WorkloadResult[]): string {
  const rows = results.flatMap((r) =>
    r.targets.map(
      (t) =>
        `  ${pad(`${r.group} ${r.title}`, 44)} ${pad(t.text, 34)} ${pad(formatMeasured(t), 30)} ${verdict(t.pass)}`,
    ),
  );
  return rows.length ? ['targets:', ...rows].join('\n') : '';
}
