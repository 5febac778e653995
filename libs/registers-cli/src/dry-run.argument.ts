import { ArgumentDefinition } from './interfaces/command-definition.interface';

/** Parameter names that receive the `--dry-run` value instead of getting an option of their own. */
const DRY_RUN_PARAMETERS = ['dryRun', 'dry-run', 'dry_run'];

/**
 * `@DryRun()` adds an ordinary boolean argument, `--dry-run` (also `--no-dry-run`), so the
 * parser, help and completion treat it like any other flag. A parameter declared
 * `@Arg('dryRun')` receives its value (its own spellings and aliases keep working); without one
 * it exists only as a flag (index -1) and the handler reads `ctx.dryRun`. Returns its name.
 */
export function addDryRunArgument(args: ArgumentDefinition[]): string {
  const declared = args.findIndex((arg) => DRY_RUN_PARAMETERS.includes(arg.name));
  const parameter = declared >= 0 ? args[declared] : undefined;
  const argument: ArgumentDefinition = {
    name: parameter?.name ?? 'dryRun',
    index: parameter?.index ?? -1,
    type: 'boolean',
    itemType: 'string',
    required: false,
    hasDefault: true,
    defaultValue: false,
    help: 'Show what would happen without doing it',
    flags: [...new Set(['--dry-run', ...(parameter?.flags ?? [])])],
    builtIn: true,
  };
  if (parameter) args[declared] = argument;
  else args.push(argument);
  return argument.name;
}
