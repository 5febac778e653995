import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { CLI_GROUP_METADATA } from './metadata-keys';
import { CliGroupMetadata, CliGroupOptions } from '../interfaces/cli-group-options.interface';

/**
 * Puts every `@CliCommand` of the class under a command group: `@CliGroup('deploy')` +
 * `@CliCommand('service')` is invoked as `deploy service`. Also marks the class injectable.
 */
export function CliGroup(name: string, options: CliGroupOptions = {}): ClassDecorator {
  const meta: CliGroupMetadata = { name, ...options };
  return applyDecorators(SetMetadata(CLI_GROUP_METADATA, meta), Injectable());
}
