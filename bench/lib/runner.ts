import { ContenderProfiler } from './profiler';
import { elapsedMs, median, nowNs } from './timing';
import {
  Contender,
  ContenderResult,
  describeTarget,
  Target,
  TargetResult,
  Workload,
  WorkloadResult,
} from './workload';

export interface RunOptions {
  rounds: number;
  warmup: number;
  /** Contender whose timed calls are CPU-profiled (`--profile`). */
  profile?: string | null;
  /** Called after every workload, e.g. to print it as soon as it is known. */
  onResult?(result: WorkloadResult): void;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/**
 * Runs every contender `warmup` times untimed, then `rounds` timed rounds. Each round runs all
 * contenders once, in an order rotated by one per round, so drift on a busy machine (other
 * processes, the database server's caches) spreads over all of them instead of one.
 */
export async function runWorkload(
  workload: Workload,
  options: RunOptions,
): Promise<WorkloadResult> {
  const began = nowNs();
  const rounds = workload.rounds ?? options.rounds;
  const warmup = workload.warmup ?? options.warmup;
  const samples = new Map<Contender, number[]>();
  const errors = new Map<Contender, string>();
  let active = workload.contenders.filter((c) => !c.skip);

  const profiled = options.profile
    ? workload.contenders.find((c) => c.name === options.profile)
    : undefined;
  const profiler = profiled && !profiled.skip ? new ContenderProfiler() : undefined;

  const attempt = async (c: Contender, timed: boolean, verify: boolean): Promise<void> => {
    try {
      await c.before?.();
      gc?.();
      const profiling = timed && profiler && c === profiled;
      if (profiling) await profiler.start();
      const start = nowNs();
      const result = await c.run();
      const ms = c.sample === 'returned-ms' ? Number(result) : elapsedMs(start);
      if (profiling) await profiler.stop();
      if (verify) await c.verify?.(result);
      if (timed) samples.get(c)!.push(ms);
    } catch (error) {
      errors.set(c, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  };

  for (const c of active) samples.set(c, []);
  await workload.setup?.();
  for (let i = 0; i < warmup; i++) {
    for (const c of active) await attempt(c, false, i === 0);
    active = active.filter((c) => !errors.has(c));
  }
  for (let r = 0; r < rounds; r++) {
    const order = active.map((_, i) => active[(i + r) % active.length]);
    // Without warm-up the first round verifies.
    for (const c of order) await attempt(c, true, warmup === 0 && r === 0);
    active = active.filter((c) => !errors.has(c));
  }

  const contenders: ContenderResult[] = workload.contenders.map((c) => {
    const ms = samples.get(c) ?? [];
    const error = errors.get(c);
    const med = ms.length && !error ? median(ms) : null;
    return {
      name: c.name,
      label: c.label,
      ...(c.skip ? { skipped: c.skip } : {}),
      ...(error ? { error } : {}),
      medianMs: med,
      minMs: ms.length && !error ? Math.min(...ms) : null,
      maxMs: ms.length && !error ? Math.max(...ms) : null,
      perOpUs: med === null ? null : (med * 1000) / workload.ops,
      samplesMs: ms.map((v) => Math.round(v * 1000) / 1000),
    };
  });
  const result: WorkloadResult = {
    id: workload.id,
    area: workload.area,
    group: workload.group,
    title: workload.title,
    ops: workload.ops,
    subject: workload.subject,
    rounds,
    warmup,
    wallSeconds: Math.round(elapsedMs(began) / 100) / 10,
    contenders,
    targets: workload.targets.map((t) =>
      evaluateTarget(t, workload.subject, contenders, workload.ops),
    ),
  };
  options.onResult?.(result);
  if (profiler) {
    console.log(profiler.report(`${workload.id}-${profiled!.name}`) + '\n');
    await profiler.dispose();
  }
  return result;
}

export function evaluateTarget(
  target: Target,
  subject: string,
  contenders: ContenderResult[],
  ops = 1,
): TargetResult {
  const text = describeTarget(target);
  const s = contenders.find((c) => c.name === subject)?.medianMs ?? null;
  if (target.kind === 'rate-at-least' || target.kind === 'under-ms') {
    // Absolute targets: `ratio` is the measured value (per second, or ms), `speedup` unused.
    const value =
      s === null ? null : target.kind === 'under-ms' ? s : s > 0 ? ops / (s / 1000) : null;
    const pass =
      value === null
        ? null
        : target.kind === 'under-ms'
          ? value < target.value
          : value >= target.value;
    return { ...target, ratio: value, speedup: null, pass, text };
  }
  const names = Array.isArray(target.against) ? target.against : [target.against];
  let anchor: ContenderResult | undefined;
  for (const c of contenders)
    if (names.includes(c.name) && c.medianMs !== null && (!anchor || c.medianMs < anchor.medianMs!))
      anchor = c;
  const a = anchor?.medianMs ?? null;
  const ratio = s !== null && a !== null && a > 0 ? s / a : null;
  const speedup = s !== null && a !== null && s > 0 ? a / s : null;
  let pass: boolean | null = null;
  if (ratio !== null && speedup !== null) {
    pass = target.kind === 'at-most' ? ratio <= target.value : speedup >= target.value;
  }
  return {
    ...target,
    ...(Array.isArray(target.against) && anchor ? { anchor: anchor.name } : {}),
    ratio,
    speedup,
    pass,
    text,
  };
}
