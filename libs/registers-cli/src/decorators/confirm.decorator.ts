import { SetMetadata } from '@nestjs/common';
import { CLI_CONFIRM_METADATA } from './metadata-keys';

/**
 * Asks `message` (placeholders like `{env}` or `{id}` are filled from the context and the
 * arguments) before running. Without a TTY the command is refused unless `--force`/`--yes`.
 */
export function Confirm(message: string): MethodDecorator {
  return SetMetadata(CLI_CONFIRM_METADATA, message);
}
