/** The handler every throughput contender runs for each event: it does nothing with the payload. */
export function noop(_payload: unknown): void {
  // nothing: the workloads measure the queue, not the handler
}
