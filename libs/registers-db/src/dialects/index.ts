import { ConfigurationError } from '../errors';
import type { Dialect } from './dialect.interface';
import { MysqlDialect } from './mysql/mysql.dialect';
import { PostgresDialect } from './postgres/postgres.dialect';
import type { DialectName } from './query-dialect.interface';
import { SqliteDialect } from './sqlite/sqlite.dialect';

const dialects: Record<DialectName, Dialect> = {
  sqlite: new SqliteDialect(),
  postgres: new PostgresDialect(),
  mysql: new MysqlDialect(),
};

/** The shared (stateless) dialect adapter for a connection's dialect. */
export function dialectFor(name: DialectName): Dialect {
  const dialect = dialects[name];
  if (!dialect)
    throw new ConfigurationError(`Unknown database dialect "${name}"`, { dialect: name });
  return dialect;
}

export type { Dialect, ErrorNormalizationContext, IntegrityViolation } from './dialect.interface';
export { SqliteDialect, PostgresDialect, MysqlDialect };
