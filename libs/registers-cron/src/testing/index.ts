// @registers/cron/testing: a virtual clock and a "run what is due now" driver.
export { VirtualClock } from './virtual-clock';
export { CronTestKit } from './cron-test-kit';
