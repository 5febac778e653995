import { CommandDefinition } from '../interfaces/command-definition.interface';
import { ErrorPayload, errorPayload } from '../runtime/error-report';

/** The `CallToolResult` fields this library fills. */
export interface ToolCallResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent: Record<string, unknown>;
  isError?: boolean;
}

/** JSON.stringify that writes bigint as a string instead of throwing. */
function stringify(value: unknown, indent?: number): string | undefined {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), indent);
}

/** The value as plain JSON data (records through their `toJSON`, dates as ISO strings). */
function jsonData(value: unknown): unknown {
  const text = stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

/**
 * A command's return value as a tool result: `structuredContent` is `{ result }` (the value
 * as JSON data, `null` for nothing), the text content the string itself or the JSON.
 */
export function toolResult(value: unknown): ToolCallResult {
  const result = jsonData(value);
  const text = typeof result === 'string' ? result : (stringify(result, 2) ?? 'null');
  return { content: [{ type: 'text', text }], structuredContent: { result } };
}

/**
 * A failed call as a tool error: `{ error: { type, message, context } }` as structured content
 * and as JSON text. No stack trace: the error's type, message and context only.
 */
export function toolError(error: unknown, command?: CommandDefinition): ToolCallResult {
  const payload: ErrorPayload = errorPayload(error, command);
  const safe = { ...payload, context: jsonData(payload.context) as Record<string, unknown> };
  return {
    isError: true,
    content: [{ type: 'text', text: stringify({ error: safe }, 2)! }],
    structuredContent: { error: safe },
  };
}
