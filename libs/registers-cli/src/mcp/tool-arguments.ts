import { UsageError } from '../errors/cli.errors';
import { mcpMessages, usageMessages } from '../errors/messages';
import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { JsonSchemaProperty, McpTool } from './mcp-tool';

/** A tool call's arguments, checked: the command's values and the context options given. */
export interface BoundToolCall {
  /** A value for every argument of the command, defaults applied. */
  values: Record<string, unknown>;
  /** The context options the call gave (`env`, `region`). */
  context: Record<string, unknown>;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function checkOne(
  tool: McpTool,
  name: string,
  type: 'string' | 'number' | 'boolean',
  value: unknown,
  choices: readonly unknown[] | undefined,
): unknown {
  const fits =
    type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === type;
  if (!fits) {
    throw new UsageError(mcpMessages.wrongType(shown(value), name, EXPECTED[type]), {
      command: tool.command.path,
      argument: name,
    });
  }
  if (choices && !choices.map(String).includes(String(value))) {
    throw new UsageError(usageMessages.argumentNotAChoice(String(value), name, choices), {
      command: tool.command.path,
      argument: name,
      choices: [...choices],
    });
  }
  return value;
}

function checkValue(tool: McpTool, name: string, schema: JsonSchemaProperty, value: unknown) {
  if (schema.type !== 'array') return checkOne(tool, name, schema.type, value, schema.enum);
  if (!Array.isArray(value)) {
    throw new UsageError(mcpMessages.wrongType(shown(value), name, 'an array'), {
      command: tool.command.path,
      argument: name,
    });
  }
  return value.map((item) => checkOne(tool, name, schema.items!.type, item, schema.items!.enum));
}

/**
 * Checks a tool call's arguments against the command before anything runs: a JSON object,
 * known names only, the JSON type of each value, choices, required arguments. Absent
 * arguments get their defaults. A bad call throws a UsageError naming the argument.
 */
export function bindToolArguments(
  tool: McpTool,
  input: unknown,
  contextOptions: Record<string, CliGlobalOption>,
): BoundToolCall {
  const given = input ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new UsageError(mcpMessages.argumentsNotAnObject(tool.name), {
      command: tool.command.path,
    });
  }
  const raw = given as Record<string, unknown>;
  const known = Object.keys(tool.inputSchema.properties);
  for (const name of Object.keys(raw)) {
    if (!known.includes(name)) {
      throw new UsageError(mcpMessages.unknownArgument(name, tool.name, known), {
        command: tool.command.path,
        argument: name,
      });
    }
  }
  const values: Record<string, unknown> = {};
  for (const arg of tool.command.args) {
    if (arg.name in tool.fixed) {
      values[arg.name] = tool.fixed[arg.name];
      continue;
    }
    const value = raw[arg.name];
    const schema = tool.inputSchema.properties[arg.name];
    const missing =
      value === undefined ||
      value === null ||
      (arg.type === 'array' && Array.isArray(value) && !value.length);
    if (missing && arg.required) {
      throw new UsageError(usageMessages.missingArgument(arg.name), {
        command: tool.command.path,
        argument: arg.name,
      });
    }
    if (value === undefined || value === null) {
      values[arg.name] = Array.isArray(arg.defaultValue) ? [...arg.defaultValue] : arg.defaultValue;
    } else values[arg.name] = checkValue(tool, arg.name, schema, value);
  }
  const context: Record<string, unknown> = {};
  for (const name of tool.contextProperties) {
    const value = raw[name];
    if (value === undefined || value === null) continue;
    const option = contextOptions[name];
    context[name] = checkOne(tool, name, option.type ?? 'string', value, option.choices);
  }
  return { values, context };
}
