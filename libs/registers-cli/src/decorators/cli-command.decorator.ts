import { SetMetadata } from '@nestjs/common';
import { CLI_COMMAND_METADATA } from './metadata-keys';
import { CliCommandMetadata, CliCommandOptions } from '../interfaces/cli-command-options.interface';

/** Turns a provider method into a command; its parameters become arguments (see `@Arg`). */
export function CliCommand(name: string, options: CliCommandOptions = {}): MethodDecorator {
  const meta: CliCommandMetadata = { name, ...options };
  return SetMetadata(CLI_COMMAND_METADATA, meta);
}
