import { AssertionError } from 'node:assert';
import type { DatabaseConnection } from '../connection/database-connection';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { DatabaseRegistry } from '../registry/database-registry';
import { liveTestRegistries } from './live-test-registries';
import { attachStatementLog, type StatementLog } from './statement-counter';

export interface QueryCountExpectation {
  /** At most this many statements. */
  max?: number;
  /** Exactly this many statements. */
  exact?: number;
  /** Count on these registries. Default: every live registry made by createTestRegistry. */
  registry?: DatabaseRegistry | DatabaseRegistry[];
}

function checkBound(value: unknown, name: string): void {
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0)) {
    throw new ConfigurationError(configurationMessages.invalidQueryCountOption(name), {
      option: name,
    });
  }
}

/**
 * Runs `fn` and fails (AssertionError listing the SQL) when the number of statements that
 * reached the database meanwhile is above `max` or differs from `exact`. Returns fn's value.
 * Counts every statement on the connections, including ones from concurrent work.
 */
export async function assertQueryCount<R>(
  expectation: QueryCountExpectation,
  fn: () => Promise<R> | R,
): Promise<R> {
  const { max, exact } = expectation ?? {};
  checkBound(max, 'max');
  checkBound(exact, 'exact');
  if (max === undefined && exact === undefined) {
    throw new ConfigurationError(configurationMessages.queryCountNeedsLimit());
  }
  const registries = expectation.registry
    ? ([] as DatabaseRegistry[]).concat(expectation.registry)
    : [...liveTestRegistries];
  if (registries.length === 0) {
    throw new ConfigurationError(configurationMessages.noRegistryToCount());
  }
  const connections = new Set<DatabaseConnection>(registries.map((r) => r.connection));
  const log: StatementLog = { statements: [] };
  const detach = [...connections].map((c) => attachStatementLog(c, log));
  let result: R;
  try {
    result = await fn();
  } finally {
    for (const d of detach) d();
  }
  const count = log.statements.length;
  const wanted = exact !== undefined ? `exactly ${exact}` : `at most ${max}`;
  if ((exact !== undefined && count !== exact) || (max !== undefined && count > max)) {
    const listing = log.statements.map((sql, i) => `  ${i + 1}. ${sql}`).join('\n');
    throw new AssertionError({
      message: `Expected ${wanted} statement(s), ${count} ran${count ? `:\n${listing}` : ''}`,
      actual: count,
      expected: exact ?? max,
      operator: exact !== undefined ? 'strictEqual' : '<=',
    });
  }
  return result!;
}
