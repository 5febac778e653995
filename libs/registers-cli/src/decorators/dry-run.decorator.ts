import { SetMetadata } from '@nestjs/common';
import { CLI_DRY_RUN_METADATA } from './metadata-keys';

/**
 * Adds `--dry-run` to the command. The handler reads it as `ctx.dryRun`, or as a parameter
 * declared `@Arg('dryRun') dryRun: boolean`.
 */
export function DryRun(): MethodDecorator {
  return SetMetadata(CLI_DRY_RUN_METADATA, true);
}
