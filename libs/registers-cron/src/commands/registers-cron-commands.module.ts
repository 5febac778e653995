import { DynamicModule, Module, Type } from '@nestjs/common';
import { CliGroup } from '@registers/cli';
import { CRON_COMMANDS_DESCRIPTION, DEFAULT_CRON_COMMAND_GROUP } from './commands.constants';
import { CronCommands } from './cron.commands';

export interface RegistersCronCommandsOptions {
  /** Group of the commands: `cron` (default) gives `cron jobs`, `cron run`, … */
  group?: string;
}

/** The same commands under another group name. */
function commandsInGroup(group: string): Type<CronCommands> {
  const Grouped = class extends CronCommands {};
  Object.defineProperty(Grouped, 'name', { value: `CronCommands[${group}]` });
  CliGroup(group, { description: CRON_COMMANDS_DESCRIPTION })(Grouped);
  return Grouped;
}

/**
 * Adds the `cron …` operator commands (jobs, run, trigger, status, history, dead-letters,
 * retry, pause, resume, explain, start, generate, apply, workflows) to a registers console.
 * Needs `RegistersCliModule.forRoot()` and `RegistersCronModule.forRoot({ autoStart: false })`
 * in the same application: only `cron start` starts the scheduler and workers.
 */
@Module({})
export class RegistersCronCommandsModule {
  static forRoot(options: RegistersCronCommandsOptions = {}): DynamicModule {
    const group = options.group ?? DEFAULT_CRON_COMMAND_GROUP;
    return {
      module: RegistersCronCommandsModule,
      providers: [group === DEFAULT_CRON_COMMAND_GROUP ? CronCommands : commandsInGroup(group)],
    };
  }
}
