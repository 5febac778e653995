import type { DialectName } from '@registers/db';
import type { CronSqlDialect } from './cron-sql-dialect.interface';
import { mysqlCronSql } from './mysql.cron-sql';
import { postgresCronSql } from './postgres.cron-sql';
import { sqliteCronSql } from './sqlite.cron-sql';

const BY_DIALECT: Record<DialectName, CronSqlDialect> = {
  sqlite: sqliteCronSql,
  postgres: postgresCronSql,
  mysql: mysqlCronSql,
};

export function cronSqlFor(dialect: DialectName): CronSqlDialect {
  return BY_DIALECT[dialect];
}
