import 'reflect-metadata';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import {
  DatabaseRegistry,
  Field,
  InjectManager,
  Manager,
  Model,
  ModelSubscriber,
  RegistersDbModule,
  RegistersModelSubscriber,
} from '@registers/db';

@Model({ table: 'sub_event_posts' })
class Post {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() title!: string;

  static beforeCreate(data: Partial<Post>): Partial<Post> {
    return { ...data, title: `${data.title}|static` };
  }
}

@Injectable()
class EventLog {
  readonly lines: string[] = [];
}

@ModelSubscriber(Post)
class PostSubscriber implements RegistersModelSubscriber<Post> {
  constructor(private readonly log: EventLog) {}

  beforeCreate(data: Partial<Post>): Partial<Post> {
    if (data.title?.startsWith('forbidden')) throw new Error('forbidden title');
    this.log.lines.push(`beforeCreate ${data.title}`);
    return { ...data, title: `${data.title}|subscriber` };
  }

  afterCreate(record: Post): void {
    this.log.lines.push(`afterCreate ${record.title}`);
    if (record.title.startsWith('undo')) throw new Error('undo after insert');
  }

  afterDelete(key: unknown): void {
    this.log.lines.push(`afterDelete ${String(key)}`);
  }
}

@Injectable()
class PostService {
  constructor(@InjectManager(Post) readonly posts: Manager<Post>) {}
}

describeEachDialect('@ModelSubscriber() providers receive lifecycle events', (target) => {
  let app: INestApplicationContext;
  let log: EventLog;
  let posts: Manager<Post>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersDbModule.forRoot({ url: target().url }),
        RegistersDbModule.forFeature([Post]),
      ],
      providers: [EventLog, PostSubscriber, PostService],
    }).compile();
    app = await moduleRef.init();
    log = app.get(EventLog);
    posts = app.get(PostService).posts;
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    log.lines.length = 0;
    await posts.deleteWhere({}, { allowFullTable: true });
    log.lines.length = 0;
  });

  it('runs the subscriber after the static hook, each before-return replacing the data', async () => {
    const post = await posts.create({ title: 'hello' });
    expect(post.title).toBe('hello|static|subscriber');
    expect(log.lines).toEqual(['beforeCreate hello|static', 'afterCreate hello|static|subscriber']);
    expect((await posts.require(post.id!)).title).toBe('hello|static|subscriber');
  });

  it('tells the subscriber about deletes with the key', async () => {
    const post = await posts.create({ title: 'bye' });
    log.lines.length = 0;
    expect(await posts.delete(post.id!)).toBe(true);
    expect(log.lines).toEqual([`afterDelete ${post.id}`]);
  });

  it('writes nothing when a before hook of the subscriber throws', async () => {
    await expect(posts.create({ title: 'forbidden one' })).rejects.toThrow('forbidden title');
    expect(await posts.count()).toBe(0);
  });

  it('rolls the insert back when an after hook of the subscriber throws', async () => {
    await expect(posts.create({ title: 'undo me' })).rejects.toThrow('undo after insert');
    expect(log.lines).toEqual([
      'beforeCreate undo me|static',
      'afterCreate undo me|static|subscriber',
    ]);
    expect(await posts.count()).toBe(0);
  });

  it('runs a subscriber added again only once per event', async () => {
    app.get(DatabaseRegistry).addSubscriber(Post, app.get(PostSubscriber));
    await posts.create({ title: 'once' });
    expect(log.lines.filter((l) => l.startsWith('afterCreate'))).toHaveLength(1);
  });
});
