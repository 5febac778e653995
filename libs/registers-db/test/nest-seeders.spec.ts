import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import {
  ConfigurationError,
  DatabaseRegistry,
  Field,
  InjectManager,
  Manager,
  Model,
  RegistersDbModule,
  RegistersSeeder,
  Seeder,
  getRegistryToken,
} from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';

@Model({ table: 'seed_colors' })
class Color {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ unique: true }) @IsString() name!: string;
}

const calls: string[] = [];

@Seeder({ order: 2 })
class ShadesSeeder implements RegistersSeeder {
  constructor(@InjectManager(Color) private readonly colors: Manager<Color>) {}
  async seed(): Promise<void> {
    calls.push('shades');
    await this.colors.create({ name: 'crimson' });
  }
}

@Seeder({ order: 1 })
class BasicsSeeder implements RegistersSeeder {
  async seed(registry: DatabaseRegistry): Promise<void> {
    calls.push('basics');
    await registry.manager(Color).bulkCreate([{ name: 'red' }, { name: 'blue' }]);
  }
}

@Seeder({ registry: 'archive', name: 'archive-colors' })
class ArchiveSeeder implements RegistersSeeder {
  async seed(registry: DatabaseRegistry): Promise<void> {
    calls.push('archive');
    await registry.manager(Color).create({ name: 'sepia' });
  }
}

@Module({
  imports: [
    RegistersDbModule.forFeature([Color]),
    RegistersDbModule.forFeature([Color], 'archive'),
  ],
  providers: [ShadesSeeder, BasicsSeeder, ArchiveSeeder],
})
class ColorsModule {}

describeEachDialect('seeders', (target) => {
  beforeEach(() => {
    calls.length = 0;
  });

  /** The colors app on this dialect plus an in-memory `archive` database, initialized. */
  const startColorsApp = async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersDbModule.forRoot({ url: target().url }),
        RegistersDbModule.forRoot({ url: 'sqlite::memory:', name: 'archive' }),
        ColorsModule,
      ],
    }).compile();
    await moduleRef.init();
    return moduleRef;
  };

  it('discovers @Seeder() providers and runs each once per database, in order', async () => {
    const moduleRef = await startColorsApp();
    const registry = moduleRef.get(DatabaseRegistry);
    const archive = moduleRef.get<DatabaseRegistry>(getRegistryToken('archive'));
    try {
      expect(registry.seederNames()).toEqual(['BasicsSeeder', 'ShadesSeeder']);
      expect(archive.seederNames()).toEqual(['archive-colors']);
      expect(await registry.seed()).toEqual([
        { name: 'BasicsSeeder', ran: true },
        { name: 'ShadesSeeder', ran: true },
      ]);
      expect(calls).toEqual(['basics', 'shades']);
      expect(await registry.seed()).toEqual([
        { name: 'BasicsSeeder', ran: false },
        { name: 'ShadesSeeder', ran: false },
      ]);
      expect(calls).toEqual(['basics', 'shades']);
      expect((await registry.manager(Color).all({ orderBy: 'id' })).map((c) => c.name)).toEqual([
        'red',
        'blue',
        'crimson',
      ]);
      await archive.seed();
      expect(calls).toEqual(['basics', 'shades', 'archive']);
      expect(await archive.manager(Color).count()).toBe(1);
    } finally {
      await moduleRef.close();
    }
  });

  it('remembers seeds across application restarts', async () => {
    const moduleRef = await startColorsApp();
    try {
      const results = await moduleRef.get(DatabaseRegistry).seed();
      expect(results.every((r) => !r.ran)).toBe(true);
      expect(calls).toEqual([]);
    } finally {
      await moduleRef.close();
    }
  });

  it('rolls back a failing seeder with its ledger row, so it runs again next time', async () => {
    const db = new DatabaseRegistry({ url: target().url }).register(Color);
    let fail = true;
    db.addSeeder(
      {
        async seed(registry) {
          await registry.manager(Color).create({ name: 'teal' });
          if (fail) throw new Error('seed failed');
        },
      },
      { name: 'teal' },
    );
    try {
      await expect(db.seed()).rejects.toThrow('seed failed');
      expect(await db.manager(Color).exists({ name: 'teal' })).toBe(false);
      fail = false;
      expect(await db.seed()).toEqual([{ name: 'teal', ran: true }]);
      expect(await db.manager(Color).exists({ name: 'teal' })).toBe(true);
    } finally {
      await db.dispose();
    }
  });

  it('reruns with force, picks seeders with only, and refuses unknown names', async () => {
    const db = new DatabaseRegistry({ url: target().url }).register(Color);
    const ran: string[] = [];
    db.addSeeder({ seed: () => void ran.push('one') }, { name: 'one' });
    db.addSeeder({ seed: () => void ran.push('two') }, { name: 'two' });
    try {
      await db.seed({ only: ['two'] });
      expect(ran).toEqual(['two']);
      await db.seed();
      expect(ran).toEqual(['two', 'one']);
      await db.seed({ force: true });
      expect(ran).toEqual(['two', 'one', 'one', 'two']);
      await expect(db.seed({ only: ['three'] })).rejects.toBeInstanceOf(ConfigurationError);
      expect(() => db.addSeeder({ seed: () => undefined }, { name: 'one' })).toThrow(
        ConfigurationError,
      );
    } finally {
      await db.dispose();
    }
  });
});
