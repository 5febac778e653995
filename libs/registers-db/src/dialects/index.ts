import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { DialectName } from '../query/query-dialect.interface';
import type { DdlDialect } from './base/ddl-dialect';
import type { DialectBundle } from './base/dialect-bundle.interface';
import type { Dialect } from './base/dialect.interface';
import { mysql } from './mysql';
import { postgres } from './postgres';
import { sqlite } from './sqlite';

const bundles: Record<DialectName, DialectBundle> = { sqlite, postgres, mysql };

/** Everything one dialect contributes (driver, SQL, DDL, errors, TypeORM options, test isolation). */
export function bundleFor(name: DialectName): DialectBundle {
  const bundle = bundles[name];
  if (!bundle)
    throw new ConfigurationError(configurationMessages.unknownDialect(name), { dialect: name });
  return bundle;
}

/** The shared (stateless) dialect adapter for a connection's dialect. */
export function dialectFor(name: DialectName): Dialect {
  return bundleFor(name).dialect;
}

/** The (stateless) DDL adapter of a dialect. */
export function ddlFor(name: DialectName): DdlDialect {
  return bundleFor(name).ddl;
}

export type {
  Dialect,
  ErrorNormalizationContext,
  IntegrityViolation,
} from './base/dialect.interface';
export type { DialectBundle, OpenDriver, ParsedDatabaseUrl } from './base/dialect-bundle.interface';
export type { DdlDialect } from './base/ddl-dialect';
export { SqliteDialect } from './sqlite/dialect';
export { PostgresDialect } from './postgres/dialect';
export { MysqlDialect } from './mysql/dialect';
