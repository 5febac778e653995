/** Names and tokens of the `db …` console commands. */
export const REGISTERS_DB_COMMANDS_OPTIONS = 'REGISTERS_DB_COMMANDS_OPTIONS';

/** Group the commands live under: `db status`, `db migrate`, … */
export const DEFAULT_DB_COMMAND_GROUP = 'db';

/** Where `db migration:generate` writes, relative to the working directory. */
export const DEFAULT_MIGRATIONS_DIR = 'migrations';
