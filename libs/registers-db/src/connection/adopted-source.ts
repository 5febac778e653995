import type {
  DataSource,
  DataSourceOptions,
  EntityManager,
  EntitySchema,
  QueryRunner,
} from 'typeorm';
import type { ParsedDatabaseUrl } from '../dialects';
import type { DialectName } from '../query/query-dialect.interface';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from './database-url';
import { loadTypeorm } from './load-typeorm';

/** TypeORM DataSource types a connection can adopt, and the dialect each one is. */
const DIALECT_OF_TYPE: Record<string, DialectName> = {
  'better-sqlite3': 'sqlite',
  // Named so that opening reports the asynchronous driver, not an unknown type.
  sqlite: 'sqlite',
  postgres: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
};

/** Where an adopted DataSource points, for messages and `db health`: never its password. */
function describe(options: Record<string, any>, dialect: DialectName): string {
  if (dialect === 'sqlite') return `sqlite:${String(options.database ?? ':memory:')}`;
  if (typeof options.url === 'string') return redactDatabaseUrl(options.url);
  const user = options.username ? `${encodeURIComponent(String(options.username))}@` : '';
  const port = options.port ? `:${String(options.port)}` : '';
  const scheme = dialect === 'mysql' ? String(options.type) : 'postgres';
  return `${scheme}://${user}${String(options.host ?? 'localhost')}${port}/${String(options.database ?? '')}`;
}

/**
 * The dialect and description of an application's DataSource; an unusable one comes back
 * as `error` (thrown when the connection opens), with the default URL's dialect meanwhile.
 */
export function describeAdoptedSource(
  source: DataSource,
  url: string | undefined,
): { parsed: ParsedDatabaseUrl; error?: ConfigurationError } {
  const options = source.options as Record<string, any>;
  const type = String(options.type);
  const dialect = DIALECT_OF_TYPE[type];
  const fallback = parseDatabaseUrl(DEFAULT_DATABASE_URL);
  if (!dialect) {
    const error = new ConfigurationError(configurationMessages.adoptedUnsupportedType(type), {
      type,
    });
    return { parsed: { ...fallback, url: '', redacted: `${type} DataSource` }, error };
  }
  const redacted = describe(options, dialect);
  const parsed: ParsedDatabaseUrl = {
    dialect,
    url: '',
    redacted,
    ...(dialect === 'sqlite' ? { file: String(options.database ?? ':memory:') } : {}),
    ...(type === 'mariadb' ? { flavor: 'mariadb' as const } : {}),
  };
  if (url === undefined) return { parsed };
  return {
    parsed,
    error: new ConfigurationError(configurationMessages.adoptedWithUrl(), { type }),
  };
}

/**
 * A TypeORM EntityManager on the connection a transaction of this library is pinned to,
 * so the application's repositories write inside it. Its query runner counts as being in
 * a transaction already (TypeORM nests with savepoints and never commits it); `release`
 * retires it when the transaction ends, so a kept manager fails instead of writing outside.
 */
export function entityManagerOn(
  source: DataSource,
  connection: unknown,
): { manager: EntityManager; release(): void } {
  // The dialect's own runner class, made directly: `createQueryRunner` of better-sqlite3
  // hands out one shared runner, whose transaction state must stay the application's.
  const Runner = source.driver.createQueryRunner('master').constructor as new (
    driver: unknown,
    mode: string,
  ) => QueryRunner;
  const runner = new Runner(source.driver, 'master');
  const state = runner as unknown as Record<string, unknown>;
  // Server runners use this connection instead of taking one from the pool.
  state.databaseConnection = connection;
  state.isTransactionActive = true;
  state.transactionDepth = 1;
  const manager = source.createEntityManager(runner);
  return {
    manager,
    release: () => {
      state.isTransactionActive = false;
      state.isReleased = true;
    },
  };
}

/**
 * The adopted DataSource's entities and migrations plus this library's entity schemas, on
 * the adopted pool: TypeORM's schema comparison then sees both, so one generated migration
 * (recorded in the application's migrations table) covers both. It never synchronizes, and
 * is never destroyed, which would close the application's pool.
 */
export async function mergedSchemaSource(
  source: DataSource,
  entities: EntitySchema[],
  adopt: (merged: DataSource) => void,
): Promise<DataSource> {
  const { DataSource } = loadTypeorm();
  const own = source.options.entities ?? [];
  const merged = new DataSource({
    ...source.options,
    entities: [...(Array.isArray(own) ? own : Object.values(own)), ...entities],
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
  } as DataSourceOptions);
  adopt(merged);
  return merged.initialize();
}
