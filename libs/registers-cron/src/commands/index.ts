// `@registers/cron/commands`: the `cron …` console commands (needs @registers/cli).
export {
  RegistersCronCommandsModule,
  type RegistersCronCommandsOptions,
} from './registers-cron-commands.module';
export { CronCommands } from './cron.commands';
export { JobRunFailedError, WorkflowCommandFailedError } from './cron-command.errors';
export { CRON_COMMANDS_DESCRIPTION, DEFAULT_CRON_COMMAND_GROUP } from './commands.constants';
