import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type {
  AddSeederOptions,
  SeedResult,
  SeedRunOptions,
  SeederOf,
  SeedingHost,
} from './interfaces/seeder.interfaces';
import { SeedLedger } from './seed-ledger';

interface AddedSeeder<R> {
  name: string;
  order: number;
  seeder: SeederOf<R>;
}

/**
 * The seeders of one registry (`registry.seeds`): each runs once per database, in `order`,
 * recorded in the `registers_seeds` ledger.
 */
export class SeedRunner<R extends SeedingHost> {
  private readonly seeders: AddedSeeder<R>[] = [];
  private ledgerRef?: SeedLedger;

  constructor(private readonly registry: R) {}

  /** Adds a seeder (the Nest module adds the discovered `@Seeder()` providers). */
  add(seeder: SeederOf<R>, options: AddSeederOptions = {}): this {
    const name = options.name ?? seeder.constructor.name;
    if (this.seeders.some((s) => s.name === name)) {
      throw new ConfigurationError(
        configurationMessages.seederAlreadyAdded(name, this.registry.name),
        { seeder: name },
      );
    }
    this.seeders.push({ name, order: options.order ?? 0, seeder });
    return this;
  }

  /** Seeder names in the order `run()` runs them. */
  names(): string[] {
    return this.ordered().map((s) => s.name);
  }

  private ordered(): AddedSeeder<R>[] {
    return this.seeders
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.order - b.s.order || a.i - b.i)
      .map(({ s }) => s);
  }

  /**
   * Runs the seeders that have not run on this database yet, each in its own transaction
   * with its `registers_seeds` ledger row (a failing seeder leaves nothing behind and stops
   * the run). `force` reruns them all; `only` picks seeders by name.
   */
  async run(options: SeedRunOptions = {}): Promise<SeedResult[]> {
    const unknown = (options.only ?? []).filter((n) => !this.seeders.some((s) => s.name === n));
    if (unknown.length) {
      throw new ConfigurationError(
        configurationMessages.unknownSeeders(unknown, this.registry.name),
        { seeders: unknown },
      );
    }
    await this.registry.prepare();
    const ledger = (this.ledgerRef ??= new SeedLedger(this.registry.connection));
    await ledger.open();
    const results: SeedResult[] = [];
    for (const { name, seeder } of this.ordered()) {
      if (options.only && !options.only.includes(name)) continue;
      const ranBefore = await ledger.hasRun(name);
      if (ranBefore && !options.force) {
        results.push({ name, ran: false });
        continue;
      }
      await this.registry.transaction(async () => {
        await seeder.seed(this.registry);
        await ledger.record(name, ranBefore);
      });
      results.push({ name, ran: true });
    }
    return results;
  }
}
