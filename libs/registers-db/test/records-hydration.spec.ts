import 'reflect-metadata';
import { IsBoolean, IsDate, IsInt, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { RecordNotFoundError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'rec_events' })
class Event {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() title!: string;
  @Field() @IsBoolean() active!: boolean;
  @Field() @IsDate() startsAt!: Date;
  @Field({ type: 'decimal', precision: 12, scale: 4 }) price!: number;
  @Field() score!: number;
  @Field({ type: 'bigint' }) views!: number;
  @Field({ type: 'json' }) tags!: string[];
  @Field({ type: 'json', nullable: true }) @IsOptional() extra?: Record<string, unknown> | null;
  @Field({ type: 'text' }) @IsString() body: string = '';
  @Field({ nullable: true }) @IsOptional() @IsInt() rank?: number | null;

  get label(): string {
    return `${this.title}!`;
  }
}

describeEachDialect('Records and hydration', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Event);
  });
  afterAll(() => db.dispose());
  beforeEach(() => db.manager(Event).deleteWhere({}, { allowFullTable: true }));
  const events = () => db.manager(Event);
  const sample = () => ({
    title: 'Launch',
    active: true,
    startsAt: new Date('2024-05-01T10:20:30.123Z'),
    price: 1234.5678,
    score: 9.5,
    views: 9007199254740,
    tags: ['a', 'b'],
    extra: { nested: { ok: true }, list: [1, 2] },
  });

  it('round-trips booleans, dates, decimals, doubles, bigints and json as JS values', async () => {
    const created = await events().create(sample());
    const read = await events().require(created.id!);
    expect(read.active).toBe(true);
    expect(read.startsAt).toBeInstanceOf(Date);
    expect(read.startsAt.toISOString()).toBe('2024-05-01T10:20:30.123Z');
    expect(read.price).toBeCloseTo(1234.5678, 4);
    expect(typeof read.price).toBe('number');
    expect(read.score).toBe(9.5);
    expect(read.views).toBe(9007199254740);
    expect(read.tags).toEqual(['a', 'b']);
    expect(read.extra).toEqual({ nested: { ok: true }, list: [1, 2] });
    expect(read.rank).toBeNull();
    expect(read.body).toBe('');
  });

  it('reads false and null back as false and null', async () => {
    const created = await events().create({ ...sample(), active: false, extra: null });
    const read = await events().require(created.id!);
    expect(read.active).toBe(false);
    expect(read.extra).toBeNull();
  });

  it('hydrates instances of the model whose getters work and whose methods are not enumerable', async () => {
    await events().create(sample());
    const [read] = await events().all();
    expect(read).toBeInstanceOf(Event);
    expect(read.label).toBe('Launch!');
    const enumerable: string[] = [];
    for (const key in read) enumerable.push(key);
    expect(enumerable.some((k) => ['save', 'delete', 'refresh', 'update'].includes(k))).toBe(false);
    expect(typeof read.save).toBe('function');
    expect(Object.keys({ ...read }).sort()).toEqual(
      [
        'active',
        'body',
        'extra',
        'id',
        'price',
        'rank',
        'score',
        'startsAt',
        'tags',
        'title',
        'views',
      ].sort(),
    );
  });

  it('JSON.stringify gives the fields and nothing else', async () => {
    const created = await events().create(sample());
    const json = JSON.parse(JSON.stringify(await events().require(created.id!)));
    expect(json).toEqual({
      id: created.id,
      title: 'Launch',
      active: true,
      startsAt: '2024-05-01T10:20:30.123Z',
      price: expect.any(Number),
      score: 9.5,
      views: 9007199254740,
      tags: ['a', 'b'],
      extra: { nested: { ok: true }, list: [1, 2] },
      body: '',
      rank: null,
    });
  });

  it('saves a hand-built instance of the model as a new row', async () => {
    const event = Object.assign(new Event(), sample());
    const saved = await events().save(event);
    expect(typeof saved.id).toBe('number');
    expect(event.id).toBe(saved.id);
    expect((await events().require(saved.id!)).title).toBe('Launch');
  });

  it('refresh of a deleted record raises RecordNotFoundError', async () => {
    const created = await events().create(sample());
    expect(await created.delete()).toBe(true);
    await expect(events().refresh(created)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('accepts ISO-8601 strings for date fields and returns Dates', async () => {
    const created = await events().create({
      ...sample(),
      startsAt: '2030-01-02T03:04:05.000Z' as any,
    });
    expect(created.startsAt).toBeInstanceOf(Date);
    expect((await events().require(created.id!)).startsAt.toISOString()).toBe(
      '2030-01-02T03:04:05.000Z',
    );
  });
});

describe('Records of one class in two registries', () => {
  it('are bound to the manager that produced them', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'registers-records-'));
    const a = new DatabaseRegistry({ url: `sqlite:${join(dir, 'a.db')}` }).register(Event);
    const b = new DatabaseRegistry({ url: `sqlite:${join(dir, 'b.db')}` }).register(Event);
    try {
      const base = {
        title: 'x',
        active: true,
        startsAt: new Date(),
        price: 1,
        score: 1,
        views: 1,
        tags: [],
      };
      const inA = await a.manager(Event).create(base);
      await b.manager(Event).create({ ...base, title: 'only in b' });
      inA.title = 'changed in a';
      await inA.save();
      expect((await a.manager(Event).require(inA.id!)).title).toBe('changed in a');
      expect((await b.manager(Event).require(inA.id!)).title).toBe('only in b');
      expect(inA).toBeInstanceOf(Event);
    } finally {
      await a.dispose();
      await b.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
