import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsInt, IsString } from 'class-validator';
import {
  ConfigurationError,
  DatabaseRegistry,
  Field,
  InjectManager,
  InjectRegistry,
  Manager,
  Model,
  ModelRegistrationError,
  RegistersDbModule,
  getManagerToken,
  getRegistryToken,
} from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';

@Model({ table: 'nest_cats' })
class Cat {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'nest_dogs' })
class Dog {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Injectable()
class CatService {
  constructor(
    @InjectManager(Cat) readonly cats: Manager<Cat>,
    @InjectRegistry() readonly registry: DatabaseRegistry,
  ) {}
}

@Module({
  imports: [RegistersDbModule.forFeature([Cat])],
  providers: [CatService],
  exports: [CatService],
})
class CatModule {}

describe('RegistersDbModule tokens', () => {
  it('uses the DatabaseRegistry class for the default registry and names others', () => {
    expect(getRegistryToken()).toBe(DatabaseRegistry);
    expect(getRegistryToken('default')).toBe(DatabaseRegistry);
    expect(getRegistryToken('audit')).toBe('RegistersDbRegistry:audit');
  });

  it('gives stable manager tokens per model and registry, distinct for same-named classes', () => {
    expect(getManagerToken(Cat)).toBe(getManagerToken(Cat, 'default'));
    expect(getManagerToken(Cat, 'audit')).not.toBe(getManagerToken(Cat));
    const Other = (() => {
      @Model({ table: 'other_cats' })
      class Cat {
        @Field() @IsInt() id!: number;
      }
      return Cat;
    })();
    expect(getManagerToken(Other)).not.toBe(getManagerToken(Cat));
  });
});

describe('RegistersDbModule startup', () => {
  it('opens no database while the application starts', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersDbModule.forRoot({ url: 'postgres://nobody@127.0.0.1:1/none' }),
        CatModule,
      ],
    }).compile();
    await moduleRef.init();
    const registry = moduleRef.get(DatabaseRegistry);
    expect(registry.isRegistered(Cat)).toBe(true);
    expect(registry.connection.isOpen).toBe(false);
    await moduleRef.close();
  });

  it('raises registration errors while the module initializes', async () => {
    class NotAModel {}
    await expect(
      Test.createTestingModule({
        imports: [
          RegistersDbModule.forRoot({ url: 'sqlite::memory:' }),
          RegistersDbModule.forFeature([NotAModel]),
        ],
      }).compile(),
    ).rejects.toBeInstanceOf(ModelRegistrationError);
  });
});

describe('RegistersDbModule.forRootAsync', () => {
  it('builds options with an options factory class, under a registry name', async () => {
    @Injectable()
    class DbConfig {
      createRegistersDbOptions() {
        return { url: 'sqlite::memory:', autoCreate: false };
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [RegistersDbModule.forRootAsync({ name: 'reports', useClass: DbConfig })],
    }).compile();
    await moduleRef.init();
    const registry = moduleRef.get<DatabaseRegistry>(getRegistryToken('reports'));
    expect(registry.name).toBe('reports');
    expect(registry.autoCreate).toBe(false);
    expect(registry.connection.dialect).toBe('sqlite');
    await moduleRef.close();
  });

  it('refuses async options without a factory', () => {
    expect(() => RegistersDbModule.forRootAsync({})).toThrow(ConfigurationError);
    expect(() => RegistersDbModule.forRootAsync({})).toThrow(/useFactory, useClass or useExisting/);
  });
});

describeEachDialect('RegistersDbModule', (target) => {
  it('injects a working manager and the registry into a feature service', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [RegistersDbModule.forRoot({ url: target().url }), CatModule],
    }).compile();
    await moduleRef.init();
    const service = moduleRef.get(CatService);
    expect(service.cats).toBe(service.registry.manager(Cat));
    expect(moduleRef.get(getManagerToken(Cat))).toBe(service.cats);
    const tom = await service.cats.create({ name: 'Tom' });
    expect(tom).toBeInstanceOf(Cat);
    expect(typeof tom.id).toBe('number');
    expect((await service.cats.require(tom.id!)).name).toBe('Tom');
    expect(await service.cats.count()).toBe(1);
    await moduleRef.close();
    expect(service.registry.connection.isOpen).toBe(false);
  });

  it('keeps two named registries apart', async () => {
    @Injectable()
    class Kennel {
      constructor(
        @InjectManager(Dog) readonly dogs: Manager<Dog>,
        @InjectManager(Dog, 'archive') readonly archivedDogs: Manager<Dog>,
        @InjectRegistry('archive') readonly archive: DatabaseRegistry,
      ) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersDbModule.forRoot({ url: target().url }),
        RegistersDbModule.forRoot({ url: 'sqlite::memory:', name: 'archive' }),
        RegistersDbModule.forFeature([Dog]),
        RegistersDbModule.forFeature([Dog], 'archive'),
      ],
      providers: [Kennel],
    }).compile();
    await moduleRef.init();
    const kennel = moduleRef.get(Kennel);
    expect(kennel.archive.name).toBe('archive');
    expect(kennel.archive).not.toBe(moduleRef.get(DatabaseRegistry));
    expect(kennel.archivedDogs).toBe(kennel.archive.manager(Dog));
    await kennel.dogs.create({ name: 'Rex' });
    await kennel.archivedDogs.create({ name: 'Old Yeller' });
    await kennel.archivedDogs.create({ name: 'Lassie' });
    expect((await kennel.dogs.all()).map((d) => d.name)).toEqual(['Rex']);
    expect(await kennel.archivedDogs.count()).toBe(2);
    await moduleRef.close();
  });

  it('builds the registry from an async factory with injected configuration', async () => {
    const CONFIG = 'CONFIG';
    @Module({
      providers: [{ provide: CONFIG, useValue: { databaseUrl: target().url } }],
      exports: [CONFIG],
    })
    class ConfigModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersDbModule.forRootAsync({
          imports: [ConfigModule],
          inject: [CONFIG],
          useFactory: async (config: { databaseUrl: string }) => ({
            url: config.databaseUrl,
            autoCreate: false,
          }),
        }),
        CatModule,
      ],
    }).compile();
    await moduleRef.init();
    const registry = moduleRef.get(DatabaseRegistry);
    expect(registry.autoCreate).toBe(false);
    expect(registry.connection.dialect).toBe(
      target().dialect === 'mariadb' ? 'mysql' : target().dialect,
    );
    expect(await moduleRef.get(CatService).cats.count()).toBe(1);
    await moduleRef.close();
  });
});
