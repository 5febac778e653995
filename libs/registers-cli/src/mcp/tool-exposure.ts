import { CliMcpOptions } from '../interfaces/cli-module-options.interface';
import { CommandDefinition } from '../interfaces/command-definition.interface';
import { toolNameOf } from './mcp-tool';

function listed(names: string[] | undefined, command: CommandDefinition): boolean {
  return Boolean(names?.some((name) => name === command.path || name === toolNameOf(command)));
}

/**
 * Whether `<name> mcp` serves a command. Its own `mcp.expose` decides first; then the module's
 * `mcp.exclude` and `mcp.expose` lists. By default every command is served except `@Confirm`
 * ones (an MCP client cannot answer the question, so serving one is an explicit choice) and
 * hidden ones.
 */
export function isExposed(command: CommandDefinition, options: CliMcpOptions = {}): boolean {
  const own = command.meta.mcp?.expose;
  if (own !== undefined) return own;
  if (listed(options.exclude, command)) return false;
  if (listed(options.expose, command)) return true;
  return command.confirm === undefined && !command.meta.hidden;
}
