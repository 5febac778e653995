import { CliGlobalOption } from '../interfaces/cli-context-options.interface';
import { ArgumentDefinition, CommandDefinition } from '../interfaces/command-definition.interface';
import { positionalArguments } from '../parser/bind-arguments';
import { GLOBAL_FLAGS } from '../parser/global-flags';
import { UsageLines } from '../parser/parsed-invocation';
import { CliRegistry, ClassicCommandEntry, GroupEntry } from '../registry/cli.registry';

export interface ProgramInfo {
  name: string;
  title: string;
  description?: string;
  version?: string;
}

function columns(rows: Array<[string, string]>, indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) =>
    (right ? `${indent}${left.padEnd(width)}   ${right}` : `${indent}${left}`).trimEnd(),
  );
}

function describeDefault(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/** Program, group and command help texts, and the usage lines errors print. */
export class HelpRenderer implements UsageLines {
  constructor(
    private readonly info: ProgramInfo,
    private readonly registry: CliRegistry,
    private readonly contextOptions: Record<string, CliGlobalOption>,
    private readonly classicHelp: (entry: ClassicCommandEntry) => string,
  ) {}

  program(): string {
    return `Usage: ${this.info.name} [options] <command> [arguments]`;
  }

  group(group: GroupEntry): string {
    return `Usage: ${this.info.name} ${group.meta.name} <command> [arguments] [options]`;
  }

  command(command: CommandDefinition): string {
    return `Usage: ${this.info.name} ${this.signature(command)} [options]`;
  }

  signature(command: CommandDefinition): string {
    const parts = [command.path];
    for (const arg of this.positionals(command)) {
      const name = arg.type === 'array' ? `${arg.name}...` : arg.name;
      parts.push(arg.required ? `<${name}>` : `[${name}]`);
    }
    return parts.join(' ');
  }

  banner(): string {
    const head = this.info.version ? `${this.info.title} v${this.info.version}` : this.info.title;
    const lines = [head];
    if (this.info.description) lines.push(this.info.description);
    lines.push(`Usage: <command> [arguments] [options]. Type 'help' for commands, 'exit' to quit.`);
    return lines.join('\n');
  }

  programHelp(): string {
    const lines: string[] = [];
    lines.push(this.info.version ? `${this.info.title} v${this.info.version}` : this.info.title);
    if (this.info.description) lines.push(this.info.description);
    lines.push('', this.program());

    const commandRows: Array<[string, string]> = [];
    for (const command of this.registry.topLevelCommands().filter((c) => !c.meta.hidden)) {
      commandRows.push([this.signature(command), this.describeCommand(command)]);
    }
    for (const classic of this.registry.classicCommands()) {
      const aliases = classic.aliases.length ? ` (aliases: ${classic.aliases.join(', ')})` : '';
      commandRows.push([
        [classic.name, classic.usage].filter(Boolean).join(' '),
        `${classic.description}${aliases}`,
      ]);
    }
    commandRows.push(['help [command]', 'Show help for a group or command']);
    lines.push('', 'Commands:', ...columns(commandRows));

    const groups = this.registry.allGroups();
    if (groups.length) {
      lines.push('', 'Groups:');
      const rows: Array<[string, string]> = [];
      for (const group of groups) {
        const aliases = group.meta.aliases?.length
          ? ` (aliases: ${group.meta.aliases.join(', ')})`
          : '';
        rows.push([group.meta.name, `${group.meta.description ?? ''}${aliases}`]);
        for (const command of group.commands.filter((c) => !c.meta.hidden)) {
          rows.push([`  ${this.signature(command)}`, this.describeCommand(command)]);
        }
      }
      lines.push(...columns(rows));
    }
    lines.push('', 'Global options:', ...columns(this.globalRows()));
    lines.push(
      '',
      `Run '${this.info.name} help <command>' or '${this.info.name} <command> --help' for details.`,
    );
    return lines.join('\n');
  }

  groupHelp(group: GroupEntry): string {
    const lines = [this.group(group)];
    if (group.meta.description) lines.push('', group.meta.description);
    if (group.meta.aliases?.length) lines.push('', `Aliases: ${group.meta.aliases.join(', ')}`);
    const rows: Array<[string, string]> = group.commands
      .filter((c) => !c.meta.hidden)
      .map((c) => [this.signature(c), this.describeCommand(c)]);
    lines.push('', 'Commands:', ...columns(rows));
    lines.push('', 'Global options:', ...columns(this.globalRows()));
    lines.push('', `Run '${this.info.name} help ${group.meta.name} <command>' for details.`);
    return lines.join('\n');
  }

  commandHelp(command: CommandDefinition): string {
    const lines = [this.command(command)];
    if (command.meta.description) lines.push('', command.meta.description);
    const aliases = [
      ...command.aliases.map((a) => (command.group ? `${command.group.name} ${a}` : a)),
      ...command.flagAliases,
    ];
    if (aliases.length) lines.push('', `Aliases: ${aliases.join(', ')}`);

    const positionals = this.positionals(command);
    if (positionals.length) {
      const rows = positionals.map((arg): [string, string] => [arg.name, this.describeArg(arg)]);
      lines.push('', 'Arguments:', ...columns(rows));
    }
    const options = this.optionRows(command);
    if (options.length) lines.push('', 'Options:', ...columns(options));
    if (command.meta.examples?.length) {
      lines.push('', 'Examples:', ...command.meta.examples.map((e) => `  ${e}`));
    }
    lines.push('', 'Global options:', ...columns(this.globalRows(command)));
    return lines.join('\n');
  }

  classicCommandHelp(entry: ClassicCommandEntry): string {
    return this.classicHelp(entry).trimEnd();
  }

  private positionals(command: CommandDefinition): ArgumentDefinition[] {
    return positionalArguments(command);
  }

  private optionRows(command: CommandDefinition): Array<[string, string]> {
    const rows: Array<[string, string]> = [];
    for (const arg of command.args) {
      if (arg.builtIn) continue;
      if (arg.type === 'boolean') {
        const main = arg.flags[0];
        const others = arg.flags.slice(1).filter((f) => f !== `--${arg.name}` || f === main);
        rows.push([
          [...others.filter((f) => f.length === 2), main].join(', ') + `, --no-${main.slice(2)}`,
          this.describeArg(arg),
        ]);
      } else {
        const spellings = [
          ...new Set([
            ...arg.flags.filter((f) => f.length === 2),
            arg.flags[0],
            ...arg.flags.slice(1).filter((f) => f.length > 2 && f !== `--${arg.name}`),
          ]),
        ];
        rows.push([
          `${spellings.join(', ')} <${arg.type === 'array' ? `${arg.name}...` : 'value'}>`,
          `Same as the ${arg.name} argument`,
        ]);
      }
    }
    // Options the library added (`--dry-run`) come after the command's own.
    for (const arg of command.args.filter((a) => a.builtIn))
      rows.push([arg.flags[0], arg.help ?? '']);
    return rows;
  }

  private describeArg(arg: ArgumentDefinition): string {
    const parts: string[] = [];
    if (arg.help) parts.push(arg.help);
    parts.push(`(${arg.type === 'array' ? `${arg.itemType}[]` : arg.type})`);
    if (arg.choices?.length) parts.push(`choices: ${arg.choices.join(', ')}`);
    if (arg.required) parts.push('required');
    else if (arg.defaultValue !== undefined)
      parts.push(`default: ${describeDefault(arg.defaultValue)}`);
    return parts.join('  ');
  }

  private describeCommand(command: CommandDefinition): string {
    const aliases = [...command.aliases, ...command.flagAliases];
    return `${command.meta.description ?? ''}${aliases.length ? ` (aliases: ${aliases.join(', ')})` : ''}`.trim();
  }

  private globalRows(command?: CommandDefinition): Array<[string, string]> {
    const rows: Array<[string, string]> = [];
    for (const [name, def] of Object.entries(this.contextOptions)) {
      const flag = def.type === 'boolean' ? `--${name}` : `--${name} <value>`;
      const parts = [def.help ?? ''];
      if (def.choices?.length) parts.push(`choices: ${def.choices.join(', ')}`);
      if (def.default !== undefined) parts.push(`default: ${String(def.default)}`);
      rows.push([flag, parts.filter(Boolean).join('  ')]);
    }
    for (const flag of GLOBAL_FLAGS) {
      if (!flag.help) continue;
      const owned = command?.args.some((a) => a.flags.includes(flag.names[0]));
      const row = owned && flag.help.whenOwned !== undefined ? flag.help.whenOwned : flag.help;
      if (row) rows.push([row.flags, row.text]);
    }
    return rows;
  }
}
