/** Metadata keys the decorators write and `CliMetadataAccessor` reads. */
export const CLI_GROUP_METADATA = 'registers:cli:group';
export const CLI_COMMAND_METADATA = 'registers:cli:command';
export const CLI_ARGS_METADATA = 'registers:cli:args';
export const CLI_CTX_PARAM_METADATA = 'registers:cli:ctx-param';
export const CLI_DRY_RUN_METADATA = 'registers:cli:dry-run';
export const CLI_CONFIRM_METADATA = 'registers:cli:confirm';
export const CLI_CONTEXT_METADATA = 'registers:cli:context';
