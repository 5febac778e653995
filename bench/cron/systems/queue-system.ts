/**
 * One queue library under the throughput workloads. The timed call is the same for every
 * library: enqueue `n` events (as one batch where the library offers one) and wait until the
 * last of them is recorded done, counted in the library's own store every 20 ms.
 */
import { Contender } from '../../lib/workload';
import { COMPLETION_POLL_MS, COMPLETION_TIMEOUT_MS } from '../settings';
import { sleep, wallMs } from '../wall-clock';

export interface QueueSystem {
  /** Starts the workers (in this process or in worker processes) once; later calls do nothing. */
  start(): Promise<void>;
  /** Empties the queue and the records of earlier rounds (untimed). */
  reset(): Promise<void>;
  enqueue(n: number): Promise<void>;
  /** Events recorded done so far. */
  completed(): Promise<number>;
  /** Throws unless exactly `n` events exist, each recorded done once. */
  check(n: number): Promise<void>;
  close(): Promise<void>;
}

/** Milliseconds each timed call spent enqueueing, for the area's log line. */
export type EnqueueTimes = Map<string, number[]>;

export function throughputContender(
  name: string,
  label: string,
  system: QueueSystem | { skip: string },
  n: number,
  enqueueTimes: EnqueueTimes,
): Contender {
  if ('skip' in system) return { name, label, skip: system.skip, run: () => undefined };
  enqueueTimes.set(name, []);
  let unchecked = false;
  return {
    name,
    label,
    async before() {
      await system.start();
      // Every round is checked, untimed: the previous one here, the first by verify().
      if (unchecked) await system.check(n);
      unchecked = false;
      await system.reset();
    },
    async run() {
      const began = wallMs();
      await system.enqueue(n);
      enqueueTimes.get(name)!.push(wallMs() - began);
      const deadline = began + COMPLETION_TIMEOUT_MS;
      let done = await system.completed();
      while (done < n) {
        if (wallMs() > deadline)
          throw new Error(`${done} of ${n} events done after ${COMPLETION_TIMEOUT_MS / 1000} s`);
        await sleep(COMPLETION_POLL_MS);
        done = await system.completed();
      }
      unchecked = true;
      return done;
    },
    async verify(result) {
      if (result !== n) throw new Error(`${String(result)} events done, expected ${n}`);
      await system.check(n);
    },
  };
}
