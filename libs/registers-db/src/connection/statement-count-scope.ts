import { AsyncLocalStorage } from 'node:async_hooks';
import type { ExecuteResult, ImmediateStatements } from '../dialects/base/driver-session.interface';

/**
 * One running statement count: the SQL text (never the values) of the statements issued
 * from the async flow it runs in. `connections` narrows it to those connections; an outer
 * count stays reachable through `parent`, so nested counts each see their statements.
 */
interface CountFrame {
  readonly statements: string[];
  readonly connections?: ReadonlySet<object>;
  readonly parent?: CountFrame;
  /** Set when the count ends: work that `fn` left running is no longer counted. */
  closed: boolean;
}

const frames = new AsyncLocalStorage<CountFrame>();

/**
 * How many counts run right now anywhere in the process. Connections read it before each
 * statement, so when no count runs the cost is one number comparison.
 */
export const statementCounts = { running: 0 };

/**
 * Runs `fn` and returns its value together with the SQL of every statement that `fn`'s
 * async flow sent, on any connection (or on `connections` only). Statements of work that
 * started outside `fn` are not counted even when they run meanwhile.
 */
export async function countStatements<R>(
  fn: () => Promise<R> | R,
  connections?: ReadonlySet<object>,
): Promise<{ result: R; statements: string[] }> {
  const frame: CountFrame = {
    statements: [],
    connections,
    parent: frames.getStore(),
    closed: false,
  };
  statementCounts.running++;
  try {
    const result = await frames.run(frame, fn);
    return { result, statements: frame.statements };
  } finally {
    frame.closed = true;
    statementCounts.running--;
  }
}

/** Records `sql` on every open count of the calling flow that covers `connection`. */
export function recordStatement(connection: object, sql: string): void {
  for (let frame = frames.getStore(); frame; frame = frame.parent) {
    if (!frame.closed && (!frame.connections || frame.connections.has(connection))) {
      frame.statements.push(sql);
    }
  }
}

/** True when a count of the calling flow is open (whatever connection it covers). */
export function countingHere(): boolean {
  return statementCounts.running > 0 && frames.getStore() !== undefined;
}

/**
 * `now` with each statement recorded first: the synchronous path of a counted flow is
 * counted like the asynchronous one, without changing which path runs.
 */
export function countedImmediate(
  connection: object,
  now: ImmediateStatements,
): ImmediateStatements {
  return {
    queryNow(sql: string, params: unknown[]) {
      recordStatement(connection, sql);
      return now.queryNow(sql, params);
    },
    queryOneNow(sql: string, params: unknown[]) {
      recordStatement(connection, sql);
      return now.queryOneNow(sql, params);
    },
    executeNow(sql: string, params: unknown[]): ExecuteResult {
      recordStatement(connection, sql);
      return now.executeNow(sql, params);
    },
  };
}
