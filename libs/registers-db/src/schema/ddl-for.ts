import { MysqlDdl } from '../dialects/mysql/mysql-ddl';
import { PostgresDdl } from '../dialects/postgres/postgres-ddl';
import type { DialectName } from '../dialects/query-dialect.interface';
import { SqliteDdl } from '../dialects/sqlite/sqlite-ddl';
import { ConfigurationError } from '../errors';
import type { DdlDialect } from './ddl-dialect';

const ddls: Record<DialectName, DdlDialect> = {
  sqlite: new SqliteDdl(),
  postgres: new PostgresDdl(),
  mysql: new MysqlDdl(),
};

/** The (stateless) DDL adapter of a dialect. */
export function ddlFor(dialect: DialectName): DdlDialect {
  const ddl = ddls[dialect];
  if (!ddl) throw new ConfigurationError(`Unknown database dialect "${dialect}"`, { dialect });
  return ddl;
}
