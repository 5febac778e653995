/**
 * What the latency workloads collect from their worker processes, and the checks a round
 * must pass before its latency counts: an every-second schedule fired each second of the
 * window exactly once; every webhook delivery started its handler exactly once.
 */
import { percentile } from '../lib/timing';

/** One handler start of a scheduled job: the fire instant it ran for, and when it started. */
export interface Fire {
  scheduledAt: number;
  startedAt: number;
  pid: number;
}

export interface FireCheck {
  /** startedAt − scheduledAt of every fire in the window, ms. */
  lateness: number[];
  /** Fires in the window per process id. */
  perProcess: Map<number, number>;
}

/** Throws unless each second in [open, close) has exactly one fire (no gap, no duplicate). */
export function checkEverySecond(fires: Fire[], open: number, close: number): FireCheck {
  const bySecond = new Map<number, Fire[]>();
  for (const f of fires) {
    if (f.scheduledAt < open || f.scheduledAt >= close) continue;
    bySecond.set(f.scheduledAt, [...(bySecond.get(f.scheduledAt) ?? []), f]);
  }
  const gaps: number[] = [];
  const duplicates: number[] = [];
  const lateness: number[] = [];
  const perProcess = new Map<number, number>();
  for (let s = open; s < close; s += 1000) {
    const at = bySecond.get(s) ?? [];
    bySecond.delete(s);
    if (at.length === 0) gaps.push(s);
    if (at.length > 1) duplicates.push(s);
    for (const f of at) {
      lateness.push(f.startedAt - f.scheduledAt);
      perProcess.set(f.pid, (perProcess.get(f.pid) ?? 0) + 1);
    }
  }
  const odd = [...bySecond.keys()];
  if (gaps.length || duplicates.length || odd.length) {
    const first = (list: number[]) =>
      list.length ? ` (first ${new Date(list[0]).toISOString()})` : '';
    throw new Error(
      `every-second: ${gaps.length} seconds without a fire${first(gaps)}, ` +
        `${duplicates.length} fired more than once${first(duplicates)}, ` +
        `${odd.length} fires off the second${first(odd)}, in ${(close - open) / 1000} s`,
    );
  }
  return { lateness, perProcess };
}

/** Throws unless deliveries 0..n−1 each started once; returns their latencies (start − sent). */
export function checkDeliveries(
  sentAt: number[],
  starts: Array<{ n: number; startedAt: number }>,
): number[] {
  const seen = new Map<number, number[]>();
  for (const s of starts) seen.set(s.n, [...(seen.get(s.n) ?? []), s.startedAt]);
  const missing = sentAt.filter((_, n) => !seen.has(n)).length;
  const twice = [...seen.values()].filter((list) => list.length > 1).length;
  const unknown = [...seen.keys()].filter((n) => !(n >= 0 && n < sentAt.length)).length;
  if (missing || twice || unknown)
    throw new Error(
      `webhook: of ${sentAt.length} deliveries ${missing} never started, ${twice} started more than once, ${unknown} unknown`,
    );
  return sentAt.map((sent, n) => seen.get(n)![0] - sent);
}

export function p99(values: number[]): number {
  return percentile(values, 99);
}
