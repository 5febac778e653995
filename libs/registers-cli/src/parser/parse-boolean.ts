import { UsageError } from '../errors/cli.errors';
import { usageMessages } from '../errors/messages';

/** `--flag=value` of a boolean: true/yes/1/on or false/no/0/off, any case. */
export function parseBoolean(raw: string, flag: string): boolean {
  if (/^(true|yes|1|on)$/i.test(raw)) return true;
  if (/^(false|no|0|off)$/i.test(raw)) return false;
  throw new UsageError(usageMessages.notABoolean(raw, flag), { option: flag });
}
