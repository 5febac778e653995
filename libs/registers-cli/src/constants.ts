/** Injection tokens and module-level metadata of @registers/cli. */
export const REGISTERS_CLI_OPTIONS = Symbol('REGISTERS_CLI_OPTIONS');
export const REGISTERS_CLI_FEATURES = Symbol('REGISTERS_CLI_FEATURES');

/** Registration order of a middleware class (forRoot list first, then forFeature lists). */
export const CLI_MIDDLEWARE_ORDER_METADATA = 'registers:cli:middleware-order';
