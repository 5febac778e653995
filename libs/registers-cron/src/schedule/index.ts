export type { ExplainedFire, FireSchedule } from './fire-schedule.interface';
export { DEFAULT_FIRE_LIMIT } from './collect-fires';
export { cronSchedule } from './cron-schedule';
export { dstNotes, explainSchedule } from './explain';
export { intervalSchedule } from './interval-schedule';
export { scheduleFor } from './schedule-for';
export { cronExpressionProblem, timezoneProblem } from './validate';
