/** The runtime's time source, in epoch milliseconds. */
export interface CronClock {
  now(): number;
}
