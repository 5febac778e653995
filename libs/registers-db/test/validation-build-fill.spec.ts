import 'reflect-metadata';
import { IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { ValidationError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

let serial = 0;

@Model({ table: 'build_fill_notes', timestamps: true })
class Note {
  @Field({ id: 'uuid4' }) id?: string;
  @Field() @IsString() title!: string;
  @Field({ default: 'draft' }) @IsString() status?: string;
  @Field({ type: 'json', default: { tags: [] } }) meta?: { tags: string[] };
  @Field({ default: () => ++serial }) position?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() body?: string | null;
  @Field({ nullable: true }) createdAt?: Date;
  @Field({ nullable: true }) updatedAt?: Date;
}

/** What a build fills in (defaults, timestamps, nulls) is what the row holds afterwards. */
describeEachDialect('Manager build fill-ins', (target) => {
  let db: DatabaseRegistry;
  const notes = () => db.manager(Note);

  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Note);
  });
  afterAll(() => db.dispose());

  it('fills defaults, a uuid key, both timestamps and nulls exactly as the stored row reads back', async () => {
    const created = await notes().create({ title: 'a' });
    expect(created.status).toBe('draft');
    expect(created.meta).toEqual({ tags: [] });
    expect(typeof created.position).toBe('number');
    expect(created.body).toBeNull();
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.updatedAt).toEqual(created.createdAt);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await notes().require(created.id!);
    expect({ ...stored }).toEqual({ ...created });
  });

  it('gives every record its own copy of an object default and a fresh function default', async () => {
    const [a, b] = await notes().bulkCreate([{ title: 'x' }, { title: 'y' }]);
    expect(a.meta).not.toBe(b.meta);
    a.meta!.tags.push('changed');
    expect(b.meta).toEqual({ tags: [] });
    expect(b.position).toBe(a.position! + 1);
  });

  it('keeps values that were given instead of the defaults', async () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    const created = await notes().create({
      title: 'b',
      status: 'final',
      createdAt: when,
      body: 'text',
    });
    expect(created.status).toBe('final');
    expect(created.createdAt).toEqual(when);
    expect(created.updatedAt).not.toEqual(when);
    expect((await notes().require(created.id!)).createdAt).toEqual(when);
  });

  it('still refuses an explicit null for a required field', async () => {
    await expect(notes().create({ title: null as any })).rejects.toBeInstanceOf(ValidationError);
  });
});
