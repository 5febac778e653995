/** What isolation needs of the registry's connection (DatabaseConnection satisfies it). */
export interface IsolationConnection {
  execute(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

/** A database (or schema) that belongs to one test registry and goes away with it. */
export interface IsolatedDatabase {
  /** URL the test registry connects to. */
  url: string;
  /** TypeORM options the registry needs on top of the caller's. */
  typeorm?: Record<string, unknown>;
  /** Runs once on the registry's connection before any table is created. */
  setUp?(connection: IsolationConnection): Promise<void>;
  /** Removes it; runs on the registry's connection just before the connection closes. */
  tearDown(connection: IsolationConnection): Promise<void>;
}
