import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { CliMcpOptions } from '../interfaces/cli-module-options.interface';
import { CommandDefinition } from '../interfaces/command-definition.interface';
import { toolsFor } from './mcp-tool';
import { serveMcp } from './mcp-server';
import { ProtocolOutput } from './stdout-guard';
import { isExposed } from './tool-exposure';

export interface McpSessionOptions {
  info: { name: string; version: string; title?: string; description?: string };
  commands: CommandDefinition[];
  contextOptions: Record<string, CliGlobalOption>;
  mcp?: CliMcpOptions;
  /** Runs one command with bound values and the call's context options. */
  invoke(
    command: CommandDefinition,
    values: Record<string, unknown>,
    context: Record<string, unknown>,
  ): Promise<unknown>;
  output: ProtocolOutput;
}

/** `<name> mcp`: the exposed commands as tools, served until the client disconnects. */
export async function runMcpSession(options: McpSessionOptions): Promise<void> {
  const commands = options.commands.filter((command) => isExposed(command, options.mcp));
  await serveMcp({
    info: options.info,
    tools: await toolsFor(commands, options.contextOptions),
    contextOptions: options.contextOptions,
    call: (tool, bound) => options.invoke(tool.command, bound.values, bound.context),
    input: process.stdin,
    output: options.output,
  });
}
