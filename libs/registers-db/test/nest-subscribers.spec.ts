import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import {
  ConfigurationError,
  DatabaseRegistry,
  Field,
  Model,
  ModelSubscriber,
  RegistersDbModule,
  RegistersModelSubscriber,
  getRegistryToken,
  modelSubscribers,
} from '@registers/db';

@Model({ table: 'sub_posts' })
class Post {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() title!: string;
}

@Model({ table: 'sub_tags' })
class Tag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Injectable()
class Clock {
  now() {
    return 'now';
  }
}

@ModelSubscriber([Post, Tag])
class SearchIndexer implements RegistersModelSubscriber {
  constructor(readonly clock: Clock) {}
  afterCreate(): void {}
}

@ModelSubscriber(Post, { registry: 'archive' })
class ArchiveAuditor implements RegistersModelSubscriber<Post> {
  beforeDelete(): void {}
}

describe('@ModelSubscriber() discovery', () => {
  it('adds DI-built subscribers to the models of their registry only', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersDbModule.forRoot({ url: 'sqlite::memory:' }),
        RegistersDbModule.forRoot({ url: 'sqlite::memory:', name: 'archive' }),
        RegistersDbModule.forFeature([Post, Tag]),
        RegistersDbModule.forFeature([Post], 'archive'),
      ],
      providers: [Clock, SearchIndexer, ArchiveAuditor],
    }).compile();
    await moduleRef.init();
    const main = moduleRef.get(DatabaseRegistry);
    const archive = moduleRef.get<DatabaseRegistry>(getRegistryToken('archive'));
    const indexer = moduleRef.get(SearchIndexer);
    expect(indexer.clock).toBeInstanceOf(Clock);
    expect(modelSubscribers(main.metadata(Post))).toEqual([indexer]);
    expect(modelSubscribers(main.metadata(Tag))).toEqual([indexer]);
    expect(modelSubscribers(archive.metadata(Post))).toEqual([moduleRef.get(ArchiveAuditor)]);
    expect(main.connection.isOpen).toBe(false);
    await moduleRef.close();
  });

  it('fails at startup when a subscribed model is not registered in that registry', async () => {
    @Model({ table: 'sub_orphans' })
    class Orphan {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    @ModelSubscriber(Orphan)
    class OrphanWatcher {}
    const moduleRef = await Test.createTestingModule({
      imports: [RegistersDbModule.forRoot({ url: 'sqlite::memory:' })],
      providers: [OrphanWatcher],
    }).compile();
    await expect(moduleRef.init()).rejects.toBeInstanceOf(ConfigurationError);
    // close() replays the failed initialization's error
    await moduleRef.close().catch(() => undefined);
  });

  it('lets standalone registries add subscribers', () => {
    const db = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(Post);
    const subscriber: RegistersModelSubscriber<Post> = { afterSave: () => undefined };
    db.addSubscriber(Post, subscriber).addSubscriber(Post, subscriber);
    expect(modelSubscribers(db.metadata(Post))).toEqual([subscriber]);
    expect(() => db.addSubscriber(Tag, {})).toThrow(ConfigurationError);
  });
});
