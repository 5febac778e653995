/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on
 * one machine: every process adds its monotonic clock to the wall-clock instant it started at.
 */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
