import { RegistrationError } from '../errors/cli.errors';
import { mcpMessages } from '../errors/messages';
import { CliMcpPreset } from '../interfaces/cli-command-options.interface';
import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { ArgumentDefinition, CommandDefinition } from '../interfaces/command-definition.interface';

/** The JSON Schema of one property of a tool's input. */
export interface JsonSchemaProperty {
  type: 'string' | 'number' | 'boolean' | 'array';
  items?: { type: 'string' | 'number'; enum?: Array<string | number> };
  enum?: Array<string | number>;
  default?: unknown;
  description?: string;
}

export interface ToolInputSchema {
  type: 'object';
  properties: Record<string, JsonSchemaProperty>;
  required?: string[];
  additionalProperties: false;
}

/** MCP tool annotations the command's metadata supports. */
export interface ToolAnnotations {
  title: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
}

/** One command as an MCP tool: what `tools/list` shows, and the command it runs. */
export interface McpTool {
  name: string;
  description: string;
  inputSchema: ToolInputSchema;
  annotations: ToolAnnotations;
  command: CommandDefinition;
  /** Input properties that are context options (`env`, `region`), not command arguments. */
  contextProperties: string[];
  /** Argument values a preset fixes (not in the input schema). */
  fixed: Record<string, unknown>;
}

/**
 * `deploy service` → `deploy_service`, `db migration:run` → `db_migration_run`: MCP tool names
 * allow letters, digits, `_`, `-` and `.`, so every other character becomes `_`.
 */
export function toolNameOf(command: Pick<CommandDefinition, 'path'>): string {
  return command.path.replace(/[^A-Za-z0-9_-]+/g, '_');
}

function argumentSchema(arg: ArgumentDefinition): JsonSchemaProperty {
  const choices = arg.choices ? [...arg.choices] : undefined;
  const schema: JsonSchemaProperty =
    arg.type === 'array'
      ? { type: 'array', items: { type: arg.itemType, ...(choices ? { enum: choices } : {}) } }
      : { type: arg.type, ...(choices ? { enum: choices } : {}) };
  if (arg.hasDefault && arg.defaultValue !== undefined) schema.default = arg.defaultValue;
  if (arg.help) schema.description = arg.help;
  return schema;
}

function contextOptionSchema(option: CliGlobalOption): JsonSchemaProperty {
  const schema: JsonSchemaProperty = { type: option.type ?? 'string' };
  if (option.choices) schema.enum = [...option.choices];
  if (option.default !== undefined) schema.default = option.default;
  if (option.help) schema.description = option.help;
  return schema;
}

/**
 * A command's tool: its arguments (the `dryRun` of `@DryRun()` included) as properties, the
 * required ones listed, choices as `enum`; then every context option as an optional property
 * (a command argument of the same name wins, as on the command line).
 */
export function toolFor(
  command: CommandDefinition,
  contextOptions: Record<string, CliGlobalOption>,
): McpTool {
  const properties: Record<string, JsonSchemaProperty> = {};
  const required: string[] = [];
  for (const arg of command.args) {
    properties[arg.name] = argumentSchema(arg);
    if (arg.required) required.push(arg.name);
  }
  const contextProperties: string[] = [];
  for (const [name, option] of Object.entries(contextOptions)) {
    if (name in properties) continue;
    properties[name] = contextOptionSchema(option);
    contextProperties.push(name);
  }
  const annotations: ToolAnnotations = { title: command.path };
  if (command.meta.mcp?.readOnly) annotations.readOnlyHint = true;
  // A @Confirm command asks before it changes something: destructive unless it says otherwise.
  const destructive = command.meta.mcp?.destructive ?? (command.confirm ? true : undefined);
  if (destructive !== undefined) annotations.destructiveHint = destructive;
  return {
    name: toolNameOf(command),
    description: command.meta.description ?? command.path,
    inputSchema: {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    },
    annotations,
    command,
    contextProperties,
    fixed: {},
  };
}

/** A preset of a command's tool: its fixed arguments leave the schema, the name gets the suffix. */
export function presetTool(base: McpTool, preset: CliMcpPreset): McpTool {
  const fixed = { ...preset.arguments };
  const properties = { ...base.inputSchema.properties };
  for (const name of Object.keys(fixed)) delete properties[name];
  const required = (base.inputSchema.required ?? []).filter((name) => !(name in fixed));
  const values = Object.entries(fixed).map(([name, value]) => `${name}=${String(value)}`);
  return {
    ...base,
    name: toolNameOf({ path: `${base.name} ${preset.suffix}` }),
    description: preset.description ?? base.description,
    inputSchema: {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    },
    annotations: { ...base.annotations, title: `${base.command.path} (${values.join(', ')})` },
    fixed,
  };
}

/**
 * Tools for the given commands, then the presets of each (`mcp.presets`); two tools with the
 * same name fail.
 */
export async function toolsFor(
  commands: CommandDefinition[],
  contextOptions: Record<string, CliGlobalOption>,
): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  for (const command of commands) {
    const base = toolFor(command, contextOptions);
    tools.push(base);
    const presets = command.meta.mcp?.presets;
    if (presets)
      for (const preset of await presets(command.instance)) tools.push(presetTool(base, preset));
  }
  return uniqueTools(tools);
}

function uniqueTools(tools: McpTool[]): McpTool[] {
  const byName = new Map<string, McpTool>();
  for (const tool of tools) {
    const command = tool.command;
    const clash = byName.get(tool.name);
    if (clash) {
      throw new RegistrationError(
        mcpMessages.duplicateToolName(tool.name, clash.annotations.title, tool.annotations.title),
        { command: command.path, tool: tool.name },
      );
    }
    byName.set(tool.name, tool);
  }
  return [...byName.values()];
}
