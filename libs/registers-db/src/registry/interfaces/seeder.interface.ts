import type { DatabaseRegistry } from '../database-registry';

export type { SeederOptions, SeedResult } from '../../seeding/interfaces/seeder.interfaces';

/** What a seeder provider implements: `seed` is given the registry it runs for. */
export interface RegistersSeeder {
  seed(registry: DatabaseRegistry): Promise<void> | void;
}
