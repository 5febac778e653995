import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { CLI_CONTEXT_METADATA } from './metadata-keys';
import { CliContextOptions } from '../interfaces/cli-context-options.interface';

/**
 * Marks the provider that builds the command context. `options` declares global options
 * (`--env`, `--region`, …) with defaults; the class may implement `CliContextFactory.create`
 * to turn their values into the object `@Ctx()` receives.
 */
export function CliContext(options: CliContextOptions = {}): ClassDecorator {
  return applyDecorators(SetMetadata(CLI_CONTEXT_METADATA, options), Injectable());
}
