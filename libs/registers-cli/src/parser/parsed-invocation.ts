import { ClassicCommandEntry, GroupEntry } from '../registry/cli.registry';
import { CommandDefinition } from '../interfaces/command-definition.interface';
import { GlobalValues } from './global-values';

export type HelpTarget =
  | { kind: 'program' }
  | { kind: 'group'; group: GroupEntry }
  | { kind: 'command'; command: CommandDefinition }
  | { kind: 'classic'; classic: ClassicCommandEntry };

/** What one command line asks for. */
export type ParsedInvocation =
  | { kind: 'none'; globals: GlobalValues }
  | { kind: 'help'; target: HelpTarget; globals: GlobalValues }
  | { kind: 'version'; globals: GlobalValues }
  | { kind: 'shell'; globals: GlobalValues }
  /** `mcp`: serve the commands as MCP tools over stdio; `globals` apply to every call. */
  | { kind: 'mcp'; globals: GlobalValues }
  | { kind: 'classic'; classic: ClassicCommandEntry; tokens: string[]; globals: GlobalValues }
  | {
      kind: 'run';
      command: CommandDefinition;
      /** Every argument's value by name, flag-only ones (index -1) included. */
      args: Record<string, unknown>;
      globals: GlobalValues;
    };

/** The usage lines a usage error prints under its reason (the help renderer provides them). */
export interface UsageLines {
  program(): string;
  group(group: GroupEntry): string;
  command(command: CommandDefinition): string;
}
