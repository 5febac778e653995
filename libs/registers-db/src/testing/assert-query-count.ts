import { AssertionError } from 'node:assert';
import { countStatements } from '../connection/statement-count-scope';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { DatabaseRegistry } from '../registry/database-registry';

export interface QueryCountExpectation {
  /** At most this many statements. */
  max?: number;
  /** Exactly this many statements. */
  exact?: number;
  /** Count only statements on these registries. Default: on every registry of the process. */
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
 * `fn` sent is above `max` or differs from `exact`. Returns fn's value. Counts what fn's
 * async flow sends on any DatabaseRegistry (or on `registry` only): work that started
 * outside fn is not counted even while it runs, so concurrent counts each see their own.
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
  const registries =
    expectation?.registry === undefined
      ? undefined
      : ([] as DatabaseRegistry[]).concat(expectation.registry);
  if (registries?.length === 0) {
    throw new ConfigurationError(configurationMessages.noRegistryToCount());
  }
  const connections = registries && new Set<object>(registries.map((r) => r.connection));
  const { result, statements } = await countStatements(fn, connections);
  const count = statements.length;
  const wanted = exact !== undefined ? `exactly ${exact}` : `at most ${max}`;
  if ((exact !== undefined && count !== exact) || (max !== undefined && count > max)) {
    const listing = statements.map((sql, i) => `  ${i + 1}. ${sql}`).join('\n');
    throw new AssertionError({
      message: `Expected ${wanted} statement(s), ${count} ran${count ? `:\n${listing}` : ''}`,
      actual: count,
      expected: exact ?? max,
      operator: exact !== undefined ? 'strictEqual' : '<=',
    });
  }
  return result;
}
