import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import { DEFAULT_DATABASE_URL, redactDatabaseUrl } from './database-url';

export const DATABASE_URL_VARIABLE = 'REGISTERS_DATABASE_URL';

/** The variables that change one part of the URL, and which part. */
const OVERRIDES = [
  ['REGISTERS_DATABASE_USER', 'user'],
  ['REGISTERS_DATABASE_PASSWORD', 'password'],
  ['REGISTERS_DATABASE_HOST', 'host'],
  ['REGISTERS_DATABASE_PORT', 'port'],
  ['REGISTERS_DATABASE_NAME', 'name'],
] as const;

type Part = (typeof OVERRIDES)[number][1];
type Environment = Record<string, string | undefined>;

/**
 * One setting from the environment: `NAME`, or the contents of the file named by
 * `NAME_FILE` (the Docker and Kubernetes secrets convention) without its trailing newline.
 * Neither the value nor the file's contents ever appear in an error.
 */
export function readSetting(variable: string, env: Environment = process.env): string | undefined {
  const value = env[variable];
  const file = env[`${variable}_FILE`];
  if (file === undefined) return value;
  if (value !== undefined)
    throw new ConfigurationError(configurationMessages.settingWithFile(variable), { variable });
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException)?.code ?? 'error');
    throw new ConfigurationError(
      configurationMessages.unreadableSettingFile(variable, file, code),
      { variable, file },
      { cause: error },
    );
  }
}

function applyPart(url: URL, part: Part, value: string, variable: string): void {
  if (part === 'user') url.username = value;
  else if (part === 'password') url.password = value;
  else if (part === 'host') url.hostname = value;
  else if (part === 'name') url.pathname = `/${encodeURIComponent(value)}`;
  else {
    const port = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(port >= 1 && port <= 65535))
      throw new ConfigurationError(
        configurationMessages.invalidSetting(variable, 'a port is a whole number from 1 to 65535'),
        { variable },
      );
    url.port = String(port);
  }
}

/**
 * The database URL the environment describes: `REGISTERS_DATABASE_URL`, with each of
 * `REGISTERS_DATABASE_USER`, `_PASSWORD`, `_HOST`, `_PORT`, `_NAME` replacing that part
 * when set (each also as `…_FILE`). Without a URL (and no overrides) it is `fallback`.
 * Throws a ConfigurationError that names the variable, never its value.
 */
export function databaseUrlFromEnvironment(
  env: Environment = process.env,
  fallback: string = DEFAULT_DATABASE_URL,
): string {
  const base = readSetting(DATABASE_URL_VARIABLE, env);
  const overrides = OVERRIDES.map(([variable, part]) => ({
    variable,
    part,
    value: readSetting(variable, env),
  })).filter(
    (o): o is { variable: (typeof OVERRIDES)[number][0]; part: Part; value: string } =>
      o.value !== undefined,
  );
  const names = overrides.map((o) => o.variable);
  if (base === undefined) {
    if (overrides.length > 0)
      throw new ConfigurationError(configurationMessages.overridesNeedUrl(names), {
        variables: names,
      });
    return fallback;
  }
  if (overrides.length === 0) return base;
  if (base.startsWith('sqlite:')) {
    const refused = overrides.filter((o) => o.part !== 'name').map((o) => o.variable);
    if (refused.length > 0)
      throw new ConfigurationError(
        configurationMessages.overridesNeedServer(refused, redactDatabaseUrl(base)),
        { variables: refused },
      );
    return `sqlite:${overrides[0].value}`;
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    // Not the parser's error as cause: it carries the whole input, password included.
    const redacted = redactDatabaseUrl(base);
    throw new ConfigurationError(configurationMessages.unsupportedUrl(redacted), {
      url: redacted,
    });
  }
  for (const { part, value, variable } of overrides) applyPart(url, part, value, variable);
  return url.toString();
}
