import type { DatabaseConnection } from '../../connection/database-connection';

export type { SeederOptions } from '../../metadata/interfaces/seeder-options.interface';

/**
 * What the seed runner needs of its registry (a DatabaseRegistry is one): seeding sits below
 * the registry, so it only knows this shape.
 */
export interface SeedingHost {
  readonly name: string;
  readonly connection: DatabaseConnection;
  /** Makes the registered tables ready before the first seeder. */
  prepare(): Promise<void>;
  transaction<R>(fn: () => Promise<R> | R): Promise<R>;
}

/** A seeder as the runner sees it: `seed` is given the registry it was added to. */
export interface SeederOf<R> {
  seed(registry: R): Promise<void> | void;
}

/** Options of `registry.seeds.add()`. */
export interface AddSeederOptions {
  /** Ledger name; default the class name. */
  name?: string;
  /** Lower runs first; default 0. Equal orders keep the order seeders were added in. */
  order?: number;
}

/** Options of `registry.seeds.run()`. */
export interface SeedRunOptions {
  /** Run the seeders again even when the ledger says they ran. */
  force?: boolean;
  /** Seeder names to run (default: all). */
  only?: string[];
}

export interface SeedResult {
  name: string;
  /** False when the ledger says it already ran (and `force` was not given). */
  ran: boolean;
}
