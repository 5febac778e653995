import { ScheduledTrigger } from '../interfaces/trigger.interface';
import { cronSchedule } from './cron-schedule';
import { FireSchedule } from './fire-schedule.interface';
import { intervalSchedule } from './interval-schedule';

export function scheduleFor(trigger: ScheduledTrigger): FireSchedule {
  return trigger.kind === 'cron' ? cronSchedule(trigger) : intervalSchedule(trigger);
}
