import type { DatabaseConnection } from '../connection/database-connection';

/** Statements seen while a count is running (SQL text only: values are never recorded). */
export interface StatementLog {
  statements: string[];
}

type Method = (sql: string, params?: unknown[]) => Promise<unknown>;

const logs = new WeakMap<DatabaseConnection, Set<StatementLog>>();

/**
 * Records every statement a connection sends while the log is attached: through the
 * connection's `onStatement` hook when it has one, else by wrapping its `query` / `execute`
 * methods on the instance (every manager and schema call goes through them) until the last
 * log detaches. Transaction control (BEGIN, COMMIT, SAVEPOINT) is not counted.
 */
export function attachStatementLog(connection: DatabaseConnection, log: StatementLog): () => void {
  const hook = (
    connection as unknown as { onStatement?: (listener: (sql: string) => void) => () => void }
  ).onStatement;
  if (typeof hook === 'function') return hook.call(connection, (sql) => log.statements.push(sql));
  let active = logs.get(connection);
  if (!active) {
    active = new Set();
    logs.set(connection, active);
    const listeners = active;
    const target = connection as unknown as Record<'query' | 'execute', Method>;
    for (const name of ['query', 'execute'] as const) {
      const original = target[name];
      Object.defineProperty(connection, name, {
        configurable: true,
        writable: true,
        value: function counted(this: unknown, sql: string, params?: unknown[]) {
          for (const l of listeners) l.statements.push(sql);
          return original.call(this, sql, params);
        },
      });
    }
  }
  active.add(log);
  return () => {
    const current = logs.get(connection);
    if (!current) return;
    current.delete(log);
    if (current.size === 0) {
      logs.delete(connection);
      delete (connection as any).query;
      delete (connection as any).execute;
    }
  };
}
