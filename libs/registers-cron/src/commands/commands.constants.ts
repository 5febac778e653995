/** Group the commands live under: `cron jobs`, `cron run`, … */
export const DEFAULT_CRON_COMMAND_GROUP = 'cron';

export const CRON_COMMANDS_DESCRIPTION = 'Durable jobs: run, trigger, inspect, schedule and deploy';
