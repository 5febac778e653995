import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { DatabaseRegistry } from '../src/registry';
import { auditActor } from '../src/manager/scopes/audit-actor';

const calls: string[] = [];

@Model({ table: 'hook_items' })
class Item {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field() @IsInt() stock: number = 0;

  static beforeCreate(data: Partial<Item>) {
    calls.push(`beforeCreate:${data.name}`);
    if (data.name === 'forbidden') throw new Error('refused by hook');
    return { ...data, name: String(data.name).trim() };
  }
  static afterCreate(record: Item) {
    calls.push(`afterCreate:${record.id}`);
    if (record.name === 'explode-after') throw new Error('after hook failed');
  }
  static beforeSave(record: Item) {
    calls.push(`beforeSave:${record.id}`);
  }
  static afterSave(record: Item) {
    calls.push(`afterSave:${record.id}`);
  }
  static beforeDelete(key: number) {
    calls.push(`beforeDelete:${key}`);
  }
  static afterDelete(key: number) {
    calls.push(`afterDelete:${key}`);
  }
  static beforeBulkCreate(rows: Array<Partial<Item>>) {
    calls.push(`beforeBulkCreate:${rows.length}`);
  }
  static afterBulkCreate(records: Item[]) {
    calls.push(`afterBulkCreate:${records.length}`);
  }
}

@Model({ table: 'audited_notes', auditLog: true })
class Note {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() text!: string;
  @Field() @IsString() secret: string = 'none';
}

describeEachDialect('Model hooks and audit log', (target) => {
  let db: DatabaseRegistry;
  const items = () => db.manager(Item);
  const notes = () => db.manager(Note);
  const auditRows = () =>
    db.connection.query<Record<string, any>>(
      'SELECT record_key, operation, changed_fields, actor FROM audited_notes_audit ORDER BY id',
    );
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Item, Note);
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    calls.length = 0;
    await db.connection.execute('DELETE FROM hook_items').catch(() => undefined);
  });

  it('runs create, save and delete hooks in order, and lets beforeCreate replace the data', async () => {
    const item = await items().create({ name: '  widget  ' });
    expect(item.name).toBe('widget');
    item.stock = 3;
    await item.save();
    await item.update({ stock: 4 });
    await item.delete();
    expect(calls).toEqual([
      'beforeCreate:  widget  ',
      `afterCreate:${item.id}`,
      `beforeSave:${item.id}`,
      `afterSave:${item.id}`,
      `beforeSave:${item.id}`,
      `afterSave:${item.id}`,
      `beforeDelete:${item.id}`,
      `afterDelete:${item.id}`,
    ]);
  });

  it('a throwing hook rolls the write back', async () => {
    await expect(items().create({ name: 'forbidden' })).rejects.toThrow('refused by hook');
    await expect(items().create({ name: 'explode-after' })).rejects.toThrow('after hook failed');
    expect(await items().count()).toBe(0);
  });

  it('runs the bulk hooks once per batch', async () => {
    await items().bulkCreate([{ name: 'a' }, { name: 'b' }]);
    expect(calls).toEqual(['beforeBulkCreate:2', 'afterBulkCreate:2']);
  });

  it('runs subscribers after the static hooks and rolls back when one throws', async () => {
    const stop = items().subscribe({
      beforeCreate: (data: Partial<Item>) => {
        calls.push(`subscriber:${data.name}`);
        if (data.name === 'vetoed') throw new Error('subscriber veto');
        return { ...data, stock: 7 };
      },
    });
    try {
      const item = await items().create({ name: 'sub' });
      expect(item.stock).toBe(7);
      expect(calls.slice(0, 2)).toEqual(['beforeCreate:sub', 'subscriber:sub']);
      await expect(items().create({ name: 'vetoed' })).rejects.toThrow('subscriber veto');
      expect(await items().count({ name: 'vetoed' })).toBe(0);
    } finally {
      stop();
    }
    calls.length = 0;
    await items().create({ name: 'after' });
    expect(calls.some((c) => c.startsWith('subscriber'))).toBe(false);
  });

  it('writes audit rows with field names (never values) and the actor of the scope', async () => {
    const note = await auditActor('user:7', () =>
      notes().create({ text: 'hello', secret: 'hunter2' }),
    );
    await notes().updateWhere({ id: note.id }, { text: 'changed' });
    await auditActor('admin:1', async () => {
      await notes().delete(note.id!);
    });
    const rows = await auditRows();
    expect(rows.map((r) => [String(r.record_key), r.operation, r.actor])).toEqual([
      [String(note.id), 'create', 'user:7'],
      [String(note.id), 'update', null],
      [String(note.id), 'delete', 'admin:1'],
    ]);
    const created =
      typeof rows[0].changed_fields === 'string'
        ? JSON.parse(rows[0].changed_fields)
        : rows[0].changed_fields;
    expect(created).toEqual(expect.arrayContaining(['text', 'secret']));
    expect(JSON.stringify(rows)).not.toContain('hunter2');
  });

  it('audit rows roll back with the write', async () => {
    const before = (await auditRows()).length;
    await db
      .transaction(async () => {
        await notes().create({ text: 'temporary' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect((await auditRows()).length).toBe(before);
  });
});
