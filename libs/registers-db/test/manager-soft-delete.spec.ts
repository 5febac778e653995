import 'reflect-metadata';
import { IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { InvalidQueryError, RecordNotFoundError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'sd_documents', softDelete: true, timestamps: true })
class Document {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() title!: string;
  createdAt?: Date;
  updatedAt?: Date;
  deletedAt?: Date | null;
}

@Model({ table: 'sd_plain' })
class Plain {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() title!: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('Soft delete and timestamps', (target) => {
  let db: DatabaseRegistry;
  const docs = () => db.manager(Document);
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Document, Plain);
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    for (const d of await docs().all({ includeDeleted: true })) await docs().hardDelete(d.id!);
  });

  it('delete marks the row deleted; reads hide it unless includeDeleted', async () => {
    const a = await docs().create({ title: 'a' });
    await docs().create({ title: 'b' });
    expect(await docs().delete(a.id!)).toBe(true);
    expect(await docs().delete(a.id!)).toBe(false);
    expect(await docs().get(a.id!)).toBeNull();
    await expect(docs().require(a.id!)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await docs().count()).toBe(1);
    expect(await docs().exists({ title: 'a' })).toBe(false);
    expect((await docs().all()).map((d) => d.title)).toEqual(['b']);
    const withDeleted = await docs().all({ includeDeleted: true, orderBy: 'title' });
    expect(withDeleted.map((d) => d.title)).toEqual(['a', 'b']);
    expect(withDeleted[0].deletedAt).toBeInstanceOf(Date);
    expect(withDeleted[1].deletedAt).toBeNull();
  });

  it('restore brings a row back and hardDelete removes it for good', async () => {
    const a = await docs().create({ title: 'a' });
    await a.delete();
    expect(await docs().restore(a.id!)).toBe(true);
    expect(await docs().restore(a.id!)).toBe(false);
    expect((await docs().require(a.id!)).deletedAt).toBeNull();
    expect(await docs().hardDelete(a.id!)).toBe(true);
    expect(await docs().all({ includeDeleted: true })).toEqual([]);
  });

  it('deleteWhere and bulkDelete soft-delete, and updateWhere skips deleted rows', async () => {
    const rows = await docs().bulkCreate([{ title: 'x' }, { title: 'y' }, { title: 'z' }]);
    expect(await docs().deleteWhere({ title: 'x' })).toBe(1);
    expect(await docs().bulkDelete([rows[1].id!, rows[0].id!])).toBe(1);
    expect(
      await docs().updateWhere({}, { title: 'renamed' }, { allowFullTable: true }),
    ).toHaveLength(1);
    expect(await docs().count()).toBe(1);
    expect(await docs().filter({ title: 'x' }, { includeDeleted: true })).toHaveLength(1);
  });

  it('purgeDeleted removes deleted rows, optionally only those deleted before a time', async () => {
    const [old, recent] = await docs().bulkCreate([
      { title: 'old' },
      { title: 'recent' },
      { title: 'kept' },
    ]);
    await old.delete();
    await pause(30);
    const cut = new Date();
    await pause(30);
    await recent.delete();
    expect(await docs().purgeDeleted({ before: cut })).toBe(1);
    expect(
      (await docs().all({ includeDeleted: true, orderBy: 'title' })).map((d) => d.title),
    ).toEqual(['kept', 'recent']);
    expect(await docs().purgeDeleted()).toBe(1);
    expect((await docs().all({ includeDeleted: true })).map((d) => d.title)).toEqual(['kept']);
  });

  it('refuses restore and purgeDeleted on a model without softDelete', async () => {
    await expect(db.manager(Plain).restore(1)).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(db.manager(Plain).purgeDeleted()).rejects.toBeInstanceOf(InvalidQueryError);
  });

  it('sets createdAt and updatedAt on create and moves updatedAt on every update', async () => {
    const before = Date.now();
    const doc = await docs().create({ title: 'stamped' });
    expect(doc.createdAt).toBeInstanceOf(Date);
    expect(doc.createdAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(doc.updatedAt!.getTime()).toBe(doc.createdAt!.getTime());
    await pause(20);
    doc.title = 'saved';
    await doc.save();
    const saved = await docs().require(doc.id!);
    expect(saved.updatedAt!.getTime()).toBeGreaterThan(saved.createdAt!.getTime());
    expect(saved.createdAt!.getTime()).toBe(doc.createdAt!.getTime());
    await pause(20);
    const [updated] = await docs().updateWhere({ id: doc.id }, { title: 'updated' });
    expect(updated.updatedAt!.getTime()).toBeGreaterThan(saved.updatedAt!.getTime());
    await pause(20);
    const upserted = await docs().upsert({ id: doc.id, title: 'upserted' });
    expect(upserted.updatedAt!.getTime()).toBeGreaterThan(updated.updatedAt!.getTime());
    expect(upserted.createdAt!.getTime()).toBe(doc.createdAt!.getTime());
  });
});
