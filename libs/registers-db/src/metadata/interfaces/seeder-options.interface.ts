/** Options of `@Seeder()` (what it records on a provider class). */
export interface SeederOptions {
  /** Ledger name; default the class name. Renaming a seeder makes it run again. */
  name?: string;
  /** Lower runs first; default 0. Equal orders keep declaration order. */
  order?: number;
  /** Registry name; default the default registry. */
  registry?: string;
}
