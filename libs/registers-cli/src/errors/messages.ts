/**
 * The text of every error @registers/cli raises, in one place. Users read these on stderr and
 * tests assert them word for word: change one here and nowhere else.
 */
const quoted = (values: readonly unknown[]): string => values.join(', ');

/** Startup: a command, group, alias or context that cannot be registered. */
export const registrationMessages = {
  commandNameNotOneWord: (owner: string, name: string) =>
    `${owner}: command name '${name}' must be one word.`,
  parameterNotDeclared: (owner: string, position: number) =>
    `${owner}: parameter #${position} needs @Arg(name) or @Ctx().`,
  flagNamesTwoArguments: (owner: string, flag: string, first: string, second: string) =>
    `${owner}: '${flag}' names both '${first}' and '${second}'.`,
  defaultNotAChoice: (owner: string, value: unknown, argument: string) =>
    `${owner}: default '${String(value)}' of '${argument}' is not one of its choices.`,
  variadicNotLast: (owner: string, argument: string) =>
    `${owner}: variadic argument '${argument}' must be the last positional.`,
  requiredAfterOptional: (owner: string, argument: string) =>
    `${owner}: required argument '${argument}' cannot follow an optional one.`,
  invalidFlagAlias: (owner: string, alias: string) =>
    `${owner}: alias '${alias}' is not a valid flag.`,
  reservedCommandName: (name: string, owner: string) =>
    `'${name}' is a built-in command and cannot be declared by ${owner}.`,
  duplicateCommand: (name: string, first: string, second: string) =>
    `Command '${name}' is declared by both ${first} and ${second}.`,
  duplicateFlagAlias: (flag: string, first: string, second: string) =>
    `Alias '${flag}' is declared by both ${first} and ${second}.`,
  flagAliasIsGlobalOption: (flag: string, command: string, option: string) =>
    `Alias '${flag}' of ${command} is also the ${option} '${flag}'.`,
  severalContexts: (names: string) => `Only one @CliContext() provider is allowed; found ${names}.`,
  contextNotDecorated: (name: string) => `Context ${name} must be decorated with @CliContext().`,
};

/** A command line that cannot run (exit code 2). */
export const usageMessages = {
  unknownCommand: (words: string, suggestion: string) => `Unknown command '${words}'.${suggestion}`,
  unknownOption: (flag: string, suggestion: string) => `Unknown option '${flag}'.${suggestion}`,
  missingGroupCommand: (group: string) => `Missing command for group '${group}'.`,
  optionNeedsValue: (flag: string) => `Option '${flag}' needs a value.`,
  unexpectedArgument: (word: string) => `Unexpected argument '${word}'.`,
  missingArgument: (argument: string) => `Missing required argument '${argument}'.`,
  notABoolean: (raw: string, flag: string) =>
    `Invalid value '${raw}' for ${flag}: expected true or false.`,
  argumentNotANumber: (raw: string, argument: string) =>
    `Invalid value '${raw}' for argument '${argument}': expected a number.`,
  argumentNotAChoice: (raw: string, argument: string, choices: readonly unknown[]) =>
    `Invalid value '${raw}' for argument '${argument}': choose from ${quoted(choices)}.`,
  optionNotANumber: (raw: string, flag: string) =>
    `Invalid value '${raw}' for option '${flag}': expected a number.`,
  optionNotAChoice: (raw: string, flag: string, choices: readonly unknown[]) =>
    `Invalid value '${raw}' for option '${flag}': choose from ${quoted(choices)}.`,
  invalidOutputMode: (raw: string, modes: readonly string[]) =>
    `Invalid output mode '${raw}': choose from ${quoted(modes)}.`,
  unterminatedQuote: (quote: '"' | "'") =>
    `Unterminated ${quote === '"' ? 'double' : 'single'} quote.`,
};

/** A command that was found but did not run to the end (exit code 1). */
export const executionMessages = {
  confirmationRequired: (question: string) =>
    `Confirmation required: "${question}" Re-run with --force (or --yes) to confirm without a terminal.`,
  notConfirmed: () => 'Aborted: not confirmed.',
  nonErrorThrown: (command: string | undefined, thrown: unknown) =>
    `${command ? `${command}: ` : ''}${String(thrown)}`,
  execNeedsCommand: () => 'exec needs a shell command.',
};

/** `<name> mcp`: a tool call whose arguments cannot run the command (nothing is executed). */
export const mcpMessages = {
  argumentsNotAnObject: (tool: string) => `Arguments of tool '${tool}' must be a JSON object.`,
  unknownArgument: (name: string, tool: string, known: readonly string[]) =>
    `Unknown argument '${name}' for tool '${tool}'. ${
      known.length ? `Its arguments: ${quoted(known)}.` : 'It takes no arguments.'
    }`,
  wrongType: (shown: string, argument: string, expected: string) =>
    `Invalid value ${shown} for argument '${argument}': expected ${expected}.`,
  unknownTool: (name: string) => `Unknown tool '${name}'. List the tools with tools/list.`,
  duplicateToolName: (tool: string, first: string, second: string) =>
    `Commands '${first}' and '${second}' both become MCP tool '${tool}'; exclude one with mcp.exclude.`,
  notInShell: () => "'mcp' runs on its own: start the console as '<name> mcp'.",
};

/** `loadPlugins(dir)`. */
export const pluginMessages = {
  cannotLoad: (file: string, reason: string) => `Cannot load plugin ${file}: ${reason}`,
  noModule: (file: string) => `Plugin ${file} exports no Nest module.`,
};
