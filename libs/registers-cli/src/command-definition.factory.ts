import { RegistrationError } from './errors';
import { CliMetadataAccessor } from './cli-metadata.accessor';
import { CliArgMetadata, CliArgType } from './interfaces/cli-arg-options.interface';
import { ArgumentDefinition, CommandDefinition } from './interfaces/command-definition.interface';

const FLAG_ALIAS = /^-{1,2}[A-Za-z0-9][\w-]*$/;

export function toKebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** `--name` spellings of an argument: kebab-case, the name as written, and its aliases. */
export function flagsFor(name: string, alias?: string | string[]): string[] {
  const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
  const flags = [
    `--${toKebab(name)}`,
    `--${name}`,
    ...aliases.map((a) => (a.startsWith('-') ? a : a.length === 1 ? `-${a}` : `--${a}`)),
  ];
  return [...new Set(flags)];
}

function typeFrom(meta: CliArgMetadata, designType: unknown): CliArgType {
  if (meta.type) return meta.type;
  if (designType === Number) return 'number';
  if (designType === Boolean) return 'boolean';
  if (designType === Array) return 'array';
  return 'string';
}

/** Reads one decorated method into the definition the registry and runtime share. */
export function buildCommandDefinition(
  accessor: CliMetadataAccessor,
  instance: object,
  methodName: string,
): CommandDefinition | undefined {
  const prototype = Object.getPrototypeOf(instance);
  const handler = prototype[methodName];
  const meta = accessor.getCommand(handler);
  if (!meta) return undefined;

  const className = instance.constructor.name;
  const owner = `${className}.${methodName}`;
  const group = accessor.getGroup(instance.constructor);
  const paramTypes = accessor.getParamTypes(prototype, methodName);
  const argMetas = accessor.getArgs(prototype, methodName);
  const ctxIndex = accessor.getCtxIndexes(prototype, methodName);
  const dryRun = accessor.isDryRun(handler);

  if (!meta.name || /\s/.test(meta.name)) {
    throw new RegistrationError(`${owner}: command name '${meta.name}' must be one word.`, {
      command: meta.name,
    });
  }
  const declared = new Set([...argMetas.map((a) => a.index), ...ctxIndex]);
  for (let i = 0; i < handler.length; i++) {
    if (!declared.has(i)) {
      throw new RegistrationError(`${owner}: parameter #${i + 1} needs @Arg(name) or @Ctx().`, {
        command: meta.name,
      });
    }
  }

  const args: ArgumentDefinition[] = argMetas.map((a) => {
    const type = typeFrom(a, paramTypes[a.index]);
    const hasDefault = a.default !== undefined || type === 'boolean';
    const numericChoices = a.choices?.length && a.choices.every((c) => typeof c === 'number');
    const numericDefault =
      Array.isArray(a.default) && a.default.length && a.default.every((d) => typeof d === 'number');
    return {
      name: a.name,
      index: a.index,
      type,
      itemType: a.items ?? (numericChoices || numericDefault ? 'number' : 'string'),
      required: !hasDefault && !a.optional,
      hasDefault,
      defaultValue: a.default !== undefined ? a.default : type === 'boolean' ? false : undefined,
      choices: a.choices,
      help: a.help,
      flags: flagsFor(a.name, a.alias),
    };
  });

  const seen = new Map<string, string>();
  for (const arg of args) {
    for (const flag of arg.flags) {
      if (seen.has(flag)) {
        throw new RegistrationError(
          `${owner}: '${flag}' names both '${seen.get(flag)}' and '${arg.name}'.`,
          {
            command: meta.name,
            argument: arg.name,
          },
        );
      }
      seen.set(flag, arg.name);
    }
    if (
      arg.choices &&
      arg.hasDefault &&
      arg.type !== 'array' &&
      arg.defaultValue !== undefined &&
      !arg.choices.map(String).includes(String(arg.defaultValue))
    ) {
      throw new RegistrationError(
        `${owner}: default '${String(arg.defaultValue)}' of '${arg.name}' is not one of its choices.`,
        {
          command: meta.name,
          argument: arg.name,
        },
      );
    }
  }

  const positionals = args.filter((a) => a.type !== 'boolean' && !(dryRun && isDryRunArg(a)));
  let optionalSeen = false;
  positionals.forEach((arg, i) => {
    if (arg.type === 'array' && i !== positionals.length - 1) {
      throw new RegistrationError(
        `${owner}: variadic argument '${arg.name}' must be the last positional.`,
        {
          command: meta.name,
          argument: arg.name,
        },
      );
    }
    if (!arg.required) optionalSeen = true;
    else if (optionalSeen) {
      throw new RegistrationError(
        `${owner}: required argument '${arg.name}' cannot follow an optional one.`,
        {
          command: meta.name,
          argument: arg.name,
        },
      );
    }
  });

  const aliases: string[] = [];
  const flagAliases: string[] = [];
  for (const alias of meta.aliases ?? []) {
    if (alias.startsWith('-')) {
      if (!FLAG_ALIAS.test(alias)) {
        throw new RegistrationError(`${owner}: alias '${alias}' is not a valid flag.`, {
          command: meta.name,
        });
      }
      flagAliases.push(alias);
    } else aliases.push(alias);
  }

  return {
    name: meta.name,
    path: group ? `${group.name} ${meta.name}` : meta.name,
    group,
    meta,
    aliases,
    flagAliases,
    args,
    ctxIndex,
    dryRun,
    confirm: accessor.getConfirm(handler),
    owner,
    instance,
    methodName,
  };
}

export function isDryRunArg(arg: ArgumentDefinition): boolean {
  return arg.name === 'dryRun' || arg.name === 'dry-run' || arg.name === 'dry_run';
}
