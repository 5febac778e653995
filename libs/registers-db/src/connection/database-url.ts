import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { ParsedDatabaseUrl } from '../dialects';

export type { ParsedDatabaseUrl };

export const DEFAULT_DATABASE_URL = 'sqlite:data/registers.db';

export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/**
 * Accepts `sqlite:path/to/file.db`, `sqlite:///abs/path.db`, `sqlite::memory:`,
 * `postgres://…` / `postgresql://…`, `mysql://…` / `mariadb://…`.
 */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const redacted = redactDatabaseUrl(url);
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ConfigurationError(configurationMessages.urlRequired());
  }
  if (url.startsWith('sqlite:')) {
    let file = url.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2);
    if (file === '' || file === ':memory:' || file === '/:memory:') file = ':memory:';
    return { dialect: 'sqlite', url, redacted, file };
  }
  const scheme = url.slice(0, url.indexOf('://'));
  if (scheme === 'postgres' || scheme === 'postgresql')
    return { dialect: 'postgres', url, redacted };
  if (scheme === 'mysql' || scheme === 'mariadb') {
    if (scheme === 'mariadb') {
      return {
        dialect: 'mysql',
        url: `mysql${url.slice(scheme.length)}`,
        redacted,
        flavor: 'mariadb',
      };
    }
    return { dialect: 'mysql', url, redacted };
  }
  throw new ConfigurationError(configurationMessages.unsupportedUrl(redacted), { url: redacted });
}

/**
 * `parseDatabaseUrl` for a connection that opens later: an unusable URL does not throw here
 * but comes back as `error`, for the connection to throw when it is first opened. Until then
 * the default URL's dialect stands in, so that models register and managers exist (a console
 * shows its help) although no statement can run. `source` may be a function that composes
 * the URL (from the environment) and throws a ConfigurationError when it cannot.
 */
export function readDatabaseUrl(source: string | (() => string)): {
  parsed: ParsedDatabaseUrl;
  error?: ConfigurationError;
} {
  let url: string = '';
  try {
    url = typeof source === 'function' ? source() : source;
    return { parsed: parseDatabaseUrl(url) };
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const redacted = typeof url === 'string' ? redactDatabaseUrl(url) : String(url);
    return { parsed: { ...parseDatabaseUrl(DEFAULT_DATABASE_URL), url: '', redacted }, error };
  }
}
