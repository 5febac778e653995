import { CliGroup } from '@registers/cli';
import { CRON_COMMANDS_DESCRIPTION, DEFAULT_CRON_COMMAND_GROUP } from './commands.constants';
import { CronJobCommands } from './job.commands';

/**
 * `cron …` operator commands over the application's CronService. Nothing here starts timers
 * or workers except `cron start`; the database opens when a command first needs it.
 *
 * Each group of commands has its own file, and the groups are stacked into this one class:
 * CronCommands → CronJobCommands → CronHistoryCommands → CronScheduleCommands →
 * CronStartCommand → CronDeploymentCommands → CronWorkflowCommands → CronCommandsBase.
 * A group's commands are listed in `cron --help` before those of the group it extends, and
 * the module has one provider to register (or to rename for `forRoot({ group })`).
 */
@CliGroup(DEFAULT_CRON_COMMAND_GROUP, { description: CRON_COMMANDS_DESCRIPTION })
export class CronCommands extends CronJobCommands {}
