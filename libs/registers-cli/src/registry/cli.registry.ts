import { Injectable } from '@nestjs/common';
import { DuplicateCommandError, RegistrationError } from '../errors/cli.errors';
import { registrationMessages as messages } from '../errors/messages';
import { CliGroupMetadata } from '../interfaces/cli-group-options.interface';
import { CommandDefinition } from '../interfaces/command-definition.interface';

export interface GroupEntry {
  meta: CliGroupMetadata;
  owner: string;
  commands: CommandDefinition[];
}

/** A nest-commander `@Command` living on the same program. */
export interface ClassicCommandEntry {
  name: string;
  /** Arguments part of the usage, e.g. `[who]`. */
  usage?: string;
  aliases: string[];
  description: string;
  owner: string;
}

export type TopLevelEntry =
  | { kind: 'group'; group: GroupEntry }
  | { kind: 'command'; command: CommandDefinition }
  | { kind: 'classic'; classic: ClassicCommandEntry };

/** Built-in first words: `help` and `mcp` (serve the commands as MCP tools). */
export const RESERVED_COMMAND_NAMES = ['help', 'mcp'];

/**
 * Every registers command, group and classic command by name and alias. A name or alias is
 * claimed once; a second claim throws DuplicateCommandError naming both owners.
 */
@Injectable()
export class CliRegistry {
  private readonly commands: CommandDefinition[] = [];
  private readonly groups = new Map<string, GroupEntry>();
  private readonly classics: ClassicCommandEntry[] = [];
  private readonly top = new Map<string, { entry: TopLevelEntry; owner: string }>();
  private readonly groupNames = new Map<GroupEntry, Map<string, CommandDefinition>>();
  private readonly flagAliases = new Map<string, CommandDefinition>();
  private readonly reservedFlags = new Map<string, string>();

  register(def: CommandDefinition): void {
    if (def.group) {
      const group = this.ensureGroup(def.group, def.owner.split('.')[0]);
      const names = this.groupNames.get(group)!;
      for (const name of [def.name, ...def.aliases]) {
        const clash = names.get(name);
        if (clash) {
          throw new DuplicateCommandError(
            messages.duplicateCommand(`${group.meta.name} ${name}`, clash.owner, def.owner),
            { command: `${group.meta.name} ${name}`, owners: [clash.owner, def.owner] },
          );
        }
      }
      for (const name of [def.name, ...def.aliases]) names.set(name, def);
      group.commands.push(def);
    } else {
      for (const name of [def.name, ...def.aliases]) this.assertTopFree(name, def.owner);
      for (const name of [def.name, ...def.aliases]) {
        this.top.set(name, { entry: { kind: 'command', command: def }, owner: def.owner });
      }
    }
    for (const flag of def.flagAliases) this.claimFlagAlias(flag, def);
    this.commands.push(def);
  }

  registerClassic(entry: ClassicCommandEntry): void {
    for (const name of [entry.name, ...entry.aliases]) this.assertTopFree(name, entry.owner);
    for (const name of [entry.name, ...entry.aliases]) {
      this.top.set(name, { entry: { kind: 'classic', classic: entry }, owner: entry.owner });
    }
    this.classics.push(entry);
  }

  /** Global option spellings (`--output`, `--env`, …) no flag alias may take. */
  reserveFlags(flags: string[], owner: string): void {
    for (const flag of flags) {
      const cmd = this.flagAliases.get(flag);
      if (cmd) {
        throw new DuplicateCommandError(messages.flagAliasIsGlobalOption(flag, cmd.owner, owner), {
          command: cmd.path,
          owners: [cmd.owner, owner],
        });
      }
      this.reservedFlags.set(flag, owner);
    }
  }

  resolve(word: string): TopLevelEntry | undefined {
    return this.top.get(word)?.entry;
  }

  resolveInGroup(group: GroupEntry, word: string): CommandDefinition | undefined {
    return this.groupNames.get(group)?.get(word);
  }

  resolveFlagAlias(flag: string): CommandDefinition | undefined {
    return this.flagAliases.get(flag);
  }

  all(): CommandDefinition[] {
    return [...this.commands];
  }

  allGroups(): GroupEntry[] {
    return [...this.groups.values()];
  }

  topLevelCommands(): CommandDefinition[] {
    return this.commands.filter((c) => !c.group);
  }

  classicCommands(): ClassicCommandEntry[] {
    return [...this.classics];
  }

  /** Names usable as the first command word (for suggestions and completion). */
  topLevelWords(): string[] {
    return [...this.top.keys()];
  }

  /** Flag-style aliases (`--add`, `-a`). */
  flagAliasWords(): string[] {
    return [...this.flagAliases.keys()];
  }

  groupWords(group: GroupEntry): string[] {
    return [...(this.groupNames.get(group)?.keys() ?? [])];
  }

  private ensureGroup(meta: CliGroupMetadata, owner: string): GroupEntry {
    const existing = this.groups.get(meta.name);
    if (existing) {
      for (const alias of meta.aliases ?? []) {
        if (!existing.meta.aliases?.includes(alias)) {
          this.assertTopFree(alias, owner);
          existing.meta.aliases = [...(existing.meta.aliases ?? []), alias];
          this.top.set(alias, { entry: { kind: 'group', group: existing }, owner });
        }
      }
      existing.meta.description ??= meta.description;
      return existing;
    }
    for (const name of [meta.name, ...(meta.aliases ?? [])])
      this.assertTopFree(name, `group of ${owner}`);
    const group: GroupEntry = {
      meta: { ...meta, aliases: [...(meta.aliases ?? [])] },
      owner,
      commands: [],
    };
    this.groups.set(meta.name, group);
    this.groupNames.set(group, new Map());
    for (const name of [meta.name, ...(meta.aliases ?? [])]) {
      this.top.set(name, { entry: { kind: 'group', group }, owner: `group of ${owner}` });
    }
    return group;
  }

  private assertTopFree(name: string, owner: string): void {
    if (RESERVED_COMMAND_NAMES.includes(name)) {
      throw new RegistrationError(messages.reservedCommandName(name, owner), {
        command: name,
      });
    }
    const clash = this.top.get(name);
    if (clash) {
      throw new DuplicateCommandError(messages.duplicateCommand(name, clash.owner, owner), {
        command: name,
        owners: [clash.owner, owner],
      });
    }
  }

  private claimFlagAlias(flag: string, def: CommandDefinition): void {
    const clash = this.flagAliases.get(flag);
    if (clash) {
      throw new DuplicateCommandError(messages.duplicateFlagAlias(flag, clash.owner, def.owner), {
        command: flag,
        owners: [clash.owner, def.owner],
      });
    }
    const reserved = this.reservedFlags.get(flag);
    if (reserved) {
      throw new DuplicateCommandError(messages.flagAliasIsGlobalOption(flag, def.owner, reserved), {
        command: def.path,
        owners: [def.owner, reserved],
      });
    }
    this.flagAliases.set(flag, def);
  }
}
