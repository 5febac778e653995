import type { DatabaseConnection } from '../connection/database-connection';
import type { ExecuteResult } from '../dialects/base/driver-session.interface';

/**
 * Stands in for a connection when planning: catalog reads go to the live database, writes
 * are recorded instead of run. Running the real schema helpers against it yields exactly the
 * statements they would execute, so `db migrate --dry-run` prints what `db migrate` runs.
 */
export class StatementRecorder {
  readonly statements: string[] = [];

  constructor(private readonly live: DatabaseConnection) {}

  get name(): string {
    return this.live.name;
  }

  get dialect(): DatabaseConnection['dialect'] {
    return this.live.dialect;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.live.query<T>(sql, params);
  }

  async execute(sql: string): Promise<ExecuteResult> {
    this.statements.push(sql);
    return { affected: 0, rows: [] };
  }

  resetStatements(): void {}

  inTransaction(): boolean {
    return false;
  }

  /** The recorder typed as the connection the schema helpers take. */
  asConnection(): DatabaseConnection {
    return this as unknown as DatabaseConnection;
  }

  /** Statements recorded since `mark` (an earlier length of `statements`). */
  since(mark: number): string[] {
    return this.statements.slice(mark);
  }
}
