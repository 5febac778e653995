import type { DatabaseRegistry } from '../database-registry';

export interface SeederOptions {
  /** Ledger name; default the class name. Renaming a seeder makes it run again. */
  name?: string;
  /** Lower runs first; default 0. Equal orders keep declaration order. */
  order?: number;
  /** Registry name; default the default registry. */
  registry?: string;
}

/** What a seeder provider implements. */
export interface RegistersSeeder {
  seed(registry: DatabaseRegistry): Promise<void> | void;
}

export interface SeedResult {
  name: string;
  /** False when the ledger says it already ran (and `force` was not given). */
  ran: boolean;
}
