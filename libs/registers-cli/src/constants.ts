/** Metadata keys and injection tokens of @registers/cli, kept in one place. */
export const CLI_GROUP_METADATA = 'registers:cli:group';
export const CLI_COMMAND_METADATA = 'registers:cli:command';
export const CLI_ARGS_METADATA = 'registers:cli:args';
export const CLI_CTX_PARAM_METADATA = 'registers:cli:ctx-param';
export const CLI_DRY_RUN_METADATA = 'registers:cli:dry-run';
export const CLI_CONFIRM_METADATA = 'registers:cli:confirm';
export const CLI_CONTEXT_METADATA = 'registers:cli:context';

export const REGISTERS_CLI_OPTIONS = Symbol('REGISTERS_CLI_OPTIONS');
export const REGISTERS_CLI_FEATURES = Symbol('REGISTERS_CLI_FEATURES');

export const OUTPUT_MODES = ['json', 'csv', 'plain', 'table'] as const;

/** Exit codes of the runtime. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;
export const CLI_MIDDLEWARE_ORDER_METADATA = 'registers:cli:middleware-order';
