import { CliMetadataAccessor } from './cli-metadata.accessor';
import { addDryRunArgument } from './dry-run.argument';
import { RegistrationError } from './errors/cli.errors';
import { registrationMessages as messages } from './errors/messages';
import { CliArgMetadata, CliArgType } from './interfaces/cli-arg-options.interface';
import { ArgumentDefinition, CommandDefinition } from './interfaces/command-definition.interface';
import { positionalArguments } from './parser/bind-arguments';
import { flagsFor } from './parser/flag-spellings';

const FLAG_ALIAS = /^-{1,2}[A-Za-z0-9][\w-]*$/;

function typeFrom(meta: CliArgMetadata, designType: unknown): CliArgType {
  if (meta.type) return meta.type;
  if (designType === Number) return 'number';
  if (designType === Boolean) return 'boolean';
  if (designType === Array) return 'array';
  return 'string';
}

function argumentFrom(meta: CliArgMetadata, designType: unknown): ArgumentDefinition {
  const type = typeFrom(meta, designType);
  const hasDefault = meta.default !== undefined || type === 'boolean';
  const numericChoices = meta.choices?.length && meta.choices.every((c) => typeof c === 'number');
  const numericDefault =
    Array.isArray(meta.default) &&
    meta.default.length &&
    meta.default.every((d) => typeof d === 'number');
  return {
    name: meta.name,
    index: meta.index,
    type,
    itemType: meta.items ?? (numericChoices || numericDefault ? 'number' : 'string'),
    required: !hasDefault && !meta.optional,
    hasDefault,
    defaultValue:
      meta.default !== undefined ? meta.default : type === 'boolean' ? false : undefined,
    choices: meta.choices,
    help: meta.help,
    flags: flagsFor(meta.name, meta.alias),
  };
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

  const owner = `${instance.constructor.name}.${methodName}`;
  const group = accessor.getGroup(instance.constructor);
  const paramTypes = accessor.getParamTypes(prototype, methodName);
  const argMetas = accessor.getArgs(prototype, methodName);
  const ctxIndex = accessor.getCtxIndexes(prototype, methodName);
  const dryRun = accessor.isDryRun(handler);

  if (!meta.name || /\s/.test(meta.name)) {
    throw new RegistrationError(messages.commandNameNotOneWord(owner, meta.name), {
      command: meta.name,
    });
  }
  const declared = new Set([...argMetas.map((a) => a.index), ...ctxIndex]);
  for (let i = 0; i < handler.length; i++) {
    if (!declared.has(i)) {
      throw new RegistrationError(messages.parameterNotDeclared(owner, i + 1), {
        command: meta.name,
      });
    }
  }

  const args = argMetas.map((a) => argumentFrom(a, paramTypes[a.index]));
  const dryRunArgument = dryRun ? addDryRunArgument(args) : undefined;
  checkArguments(owner, meta.name, args);

  const aliases: string[] = [];
  const flagAliases: string[] = [];
  for (const alias of meta.aliases ?? []) {
    if (alias.startsWith('-')) {
      if (!FLAG_ALIAS.test(alias)) {
        throw new RegistrationError(messages.invalidFlagAlias(owner, alias), {
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
    dryRunArgument,
    confirm: accessor.getConfirm(handler),
    owner,
    instance,
    methodName,
  };
}

/** One flag per argument, defaults among the choices, positionals in an order argv can fill. */
function checkArguments(owner: string, command: string, args: ArgumentDefinition[]): void {
  const seen = new Map<string, string>();
  for (const arg of args) {
    for (const flag of arg.flags) {
      if (seen.has(flag)) {
        throw new RegistrationError(
          messages.flagNamesTwoArguments(owner, flag, seen.get(flag)!, arg.name),
          { command, argument: arg.name },
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
      throw new RegistrationError(messages.defaultNotAChoice(owner, arg.defaultValue, arg.name), {
        command,
        argument: arg.name,
      });
    }
  }

  const positionals = positionalArguments({ args });
  let optionalSeen = false;
  positionals.forEach((arg, i) => {
    if (arg.type === 'array' && i !== positionals.length - 1) {
      throw new RegistrationError(messages.variadicNotLast(owner, arg.name), {
        command,
        argument: arg.name,
      });
    }
    if (!arg.required) optionalSeen = true;
    else if (optionalSeen) {
      throw new RegistrationError(messages.requiredAfterOptional(owner, arg.name), {
        command,
        argument: arg.name,
      });
    }
  });
}
