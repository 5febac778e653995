import { UsageError } from '@registers/cli';
import { messages } from '../common/messages';

/** `--payload` as JSON; absent means `{}`. Text that is not JSON is a usage error (exit 2). */
export function parsePayload(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(messages.payloadNotJson((error as Error).message), {
      argument: 'payload',
    });
  }
}

/** `--payload` that must be a JSON object (a workflow merges its own fields into it). */
export function parseObjectPayload(text: string | undefined): Record<string, unknown> {
  const payload = parsePayload(text);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new UsageError(messages.payloadNotObject, {
      argument: 'payload',
    });
  }
  return payload as Record<string, unknown>;
}

/** A whole number ≥ 1 (or undefined when the option was not given); anything else is a usage error. */
export function positiveInteger(value: number | undefined, option: string): number | undefined {
  if (value === undefined || (Number.isInteger(value) && value >= 1)) return value;
  throw new UsageError(messages.notPositiveInteger(option, value), {
    argument: option,
  });
}
