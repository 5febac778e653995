import type { Server as ServerType } from '@modelcontextprotocol/sdk/server/index.js';
import type { StdioServerTransport as TransportType } from '@modelcontextprotocol/sdk/server/stdio.js';
import type * as Types from '@modelcontextprotocol/sdk/types.js';
import { UnknownCommandError } from '../errors/cli.errors';
import { mcpMessages } from '../errors/messages';
import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { McpTool } from './mcp-tool';
import { ProtocolOutput } from './stdout-guard';
import { BoundToolCall, bindToolArguments } from './tool-arguments';
import { toolError, toolResult } from './tool-result';

export interface McpServeOptions {
  info: { name: string; version: string; title?: string; description?: string };
  tools: McpTool[];
  contextOptions: Record<string, CliGlobalOption>;
  /** Runs the tool's command with checked arguments; resolves to its return value. */
  call(tool: McpTool, bound: BoundToolCall): Promise<unknown>;
  input: NodeJS.ReadableStream;
  output: ProtocolOutput;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the SDK loads only when a console serves MCP */
function loadSdk() {
  return {
    ...(require('@modelcontextprotocol/sdk/server/index.js') as { Server: typeof ServerType }),
    ...(require('@modelcontextprotocol/sdk/server/stdio.js') as {
      StdioServerTransport: typeof TransportType;
    }),
    ...(require('@modelcontextprotocol/sdk/types.js') as Pick<
      typeof Types,
      'ListToolsRequestSchema' | 'CallToolRequestSchema'
    >),
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** A tool as `tools/list` shows it (the command behind it stays here). */
function listed(tool: McpTool) {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations,
  };
}

/**
 * Serves the tools over stdio with the MCP SDK's low-level `Server` (the schemas are plain
 * JSON Schema, derived from the commands): `tools/list` and `tools/call`. A call's arguments
 * are checked before its command runs; every failure is a tool error (`isError`). Resolves
 * when the client disconnects (stdin ends).
 */
export async function serveMcp(options: McpServeOptions): Promise<void> {
  const { Server, StdioServerTransport, ListToolsRequestSchema, CallToolRequestSchema } = loadSdk();
  const byName = new Map(options.tools.map((tool) => [tool.name, tool]));
  const server = new Server(
    { name: options.info.name, version: options.info.version, title: options.info.title },
    { capabilities: { tools: {} }, instructions: options.info.description },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: options.tools.map(listed),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = byName.get(request.params.name);
    if (!tool) {
      return toolError(
        new UnknownCommandError(mcpMessages.unknownTool(request.params.name), {
          tool: request.params.name,
        }),
      );
    }
    try {
      const bound = bindToolArguments(tool, request.params.arguments, options.contextOptions);
      return toolResult(await options.call(tool, bound));
    } catch (error) {
      return toolError(error, tool.command);
    }
  });
  const closed = new Promise<void>((resolve) => {
    options.input.once('end', resolve);
    options.input.once('close', resolve);
    server.onclose = resolve;
  });
  const transport = new StdioServerTransport(
    options.input as NodeJS.ReadStream,
    options.output as unknown as NodeJS.WriteStream,
  );
  await server.connect(transport);
  await closed;
  await server.close();
}
