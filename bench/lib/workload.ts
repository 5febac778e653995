/** What the runner times: one workload, several contenders doing the same work. */

export interface Contender {
  /** Short id: the subject is `registers`; anchors are `raw`, `typeorm`, `bare`, … */
  name: string;
  /** What exactly runs, e.g. "better-sqlite3 prepare().get". */
  label: string;
  /** Set when the contender cannot run (library not built yet, server down); it is reported, not timed. */
  skip?: string;
  /** Untimed, before every timed call (clear a table, reset state). */
  before?(): unknown;
  /** The timed work. */
  run(): unknown;
  /** Untimed check of the first result, so a contender that does less work is caught. */
  verify?(result: unknown): void;
  /**
   * What a round's sample is: the wall time of `run()` (default), or the number of
   * milliseconds `run()` resolves to (a latency percentile the contender measured itself).
   */
  sample?: 'elapsed' | 'returned-ms';
}

export type TargetKind =
  /** subject median / anchor median ≤ value (the anchor is a floor, e.g. the raw driver). */
  | 'at-most'
  /** anchor median / subject median ≥ value (the subject must beat the anchor by that factor). */
  | 'faster-by'
  /** The subject's operations per second (ops ÷ median) ≥ value; `against` is unused. */
  | 'rate-at-least'
  /** The subject's median (ms) < value; `against` is unused. */
  | 'under-ms';

export interface Target {
  /**
   * The anchor contender. A list means the fastest of them in this run (e.g. the best of
   * Drizzle and Kysely): the target is met only against the strongest peer.
   */
  against: string | string[];
  kind: TargetKind;
  value: number;
}

/** The anchors' names as one string: `drizzle`, or `fastest of drizzle/kysely`. */
export function anchorName(against: string | string[]): string {
  return Array.isArray(against) ? `fastest of ${against.join('/')}` : against;
}

export interface Workload {
  /** Stable id, e.g. `sqlite.require`. */
  id: string;
  area: string;
  /** Row group in the tables, e.g. the dialect. */
  group: string;
  title: string;
  /** Operations per timed call (to print a per-operation time). */
  ops: number;
  /** Name of the contender the ratios are computed for. */
  subject: string;
  contenders: Contender[];
  targets: Target[];
  /** Untimed, once before the warm-up (seed rows). */
  setup?(): unknown;
  /** Overrides of the run's rounds / warm-up for this workload. */
  rounds?: number;
  warmup?: number;
}

export interface ContenderResult {
  name: string;
  label: string;
  skipped?: string;
  error?: string;
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  perOpUs: number | null;
  samplesMs: number[];
}

export interface TargetResult {
  against: string | string[];
  /** For a list of anchors: the one that was fastest in this run. */
  anchor?: string;
  kind: TargetKind;
  value: number;
  /** subject median / anchor median. */
  ratio: number | null;
  /** anchor median / subject median. */
  speedup: number | null;
  pass: boolean | null;
  text: string;
}

export interface WorkloadResult {
  id: string;
  area: string;
  group: string;
  title: string;
  ops: number;
  subject: string;
  rounds: number;
  warmup: number;
  /** Wall time of the whole workload (setup, warm-up, rounds), seconds. */
  wallSeconds: number;
  contenders: ContenderResult[];
  targets: TargetResult[];
}

export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'at-most':
      return `≤ ${t.value}× ${anchorName(t.against)}`;
    case 'faster-by':
      return `≥ ${t.value}× faster than ${anchorName(t.against)}`;
    case 'rate-at-least':
      return `≥ ${t.value.toLocaleString('en-US')}/s`;
    case 'under-ms':
      return `< ${t.value} ms`;
  }
}
