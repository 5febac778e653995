import 'reflect-metadata';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import {
  ConstraintViolationError,
  DatabaseError,
  ForeignKeyViolationError,
  NotNullViolationError,
  RecordNotFoundError,
  RegistryError,
  SchemaError,
  UniqueConstraintError,
} from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

/** The model says nullable; the hand-made table says NOT NULL (drift the database enforces). */
@Model({ table: 'err_legacy', autoCreate: false })
class Legacy {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() code?: string | null;
}

@Model({ table: 'err_parents' })
class Parent {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'err_children', unique: [['parentId', 'slot']] })
class Child {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'err_parents.id' }) @IsInt() parentId!: number;
  @Field() @IsString() slot!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() secret?: string | null;
}

describeEachDialect('Normalized errors', (target) => {
  let db: DatabaseRegistry;
  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Legacy, Parent, Child);
    const id =
      target().dialect === 'sqlite'
        ? 'id INTEGER PRIMARY KEY AUTOINCREMENT'
        : target().dialect === 'postgres'
          ? 'id SERIAL PRIMARY KEY'
          : 'id INT AUTO_INCREMENT PRIMARY KEY';
    await db.connection.execute(`CREATE TABLE err_legacy (${id}, code VARCHAR(20) NOT NULL)`);
  });
  afterAll(() => db.dispose());

  it('maps a NOT NULL failure to NotNullViolationError naming the field', async () => {
    const error = await db
      .manager(Legacy)
      .create({ code: null })
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotNullViolationError);
    expect(error.context).toMatchObject({
      model: 'Legacy',
      table: 'err_legacy',
      operation: 'create',
      fields: ['code'],
    });
    expect(await db.manager(Legacy).count()).toBe(0);
  });

  it('maps a composite unique violation to UniqueConstraintError with both fields', async () => {
    const parent = await db.manager(Parent).create({ name: 'p' });
    await db.manager(Child).create({ parentId: parent.id!, slot: 'a', secret: 'top-secret-1' });
    const error = await db
      .manager(Child)
      .create({ parentId: parent.id!, slot: 'a', secret: 'top-secret-2' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect([...error.context.fields].sort()).toEqual(['parentId', 'slot']);
    expect(JSON.stringify(error)).not.toMatch(/top-secret/);
  });

  it('maps orphan inserts and parent deletes with children to ForeignKeyViolationError', async () => {
    const orphan = await db
      .manager(Child)
      .create({ parentId: 424242, slot: 'x' })
      .catch((e) => e);
    expect(orphan).toBeInstanceOf(ForeignKeyViolationError);
    expect(orphan.context).toMatchObject({
      model: 'Child',
      operation: 'create',
      fields: ['parentId'],
    });
    const parent = await db.manager(Parent).create({ name: 'with child' });
    await db.manager(Child).create({ parentId: parent.id!, slot: 'kid' });
    const blocked = await db
      .manager(Parent)
      .delete(parent.id!)
      .catch((e) => e);
    expect(blocked).toBeInstanceOf(ForeignKeyViolationError);
    expect(blocked.context).toMatchObject({ model: 'Parent', operation: 'delete' });
    expect(await db.manager(Parent).exists({ id: parent.id })).toBe(true);
    const moved = await db
      .manager(Child)
      .updateWhere({ slot: 'kid' }, { parentId: 515151 })
      .catch((e) => e);
    expect(moved).toBeInstanceOf(ForeignKeyViolationError);
    expect((await db.manager(Child).require({ slot: 'kid' })).parentId).toBe(parent.id);
  });

  it('wraps other driver failures in DatabaseError without the driver message', async () => {
    @Model({ table: 'err_missing_table', autoCreate: false })
    class Missing {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    db.register(Missing);
    const error = await db
      .manager(Missing)
      .count()
      .catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).not.toBeInstanceOf(SchemaError);
    expect(error).not.toBeInstanceOf(ConstraintViolationError);
    expect(error.context).toMatchObject({
      model: 'Missing',
      table: 'err_missing_table',
      operation: 'count',
    });
    expect(error.cause).toBeDefined();
  });

  it('serializes every error as { type, message, context }', async () => {
    const error: RegistryError = await db
      .manager(Parent)
      .require(987654)
      .catch((e) => e);
    expect(error).toBeInstanceOf(RecordNotFoundError);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      type: 'RecordNotFoundError',
      message: error.message,
      context: { model: 'Parent', table: 'err_parents', operation: 'require', key: 987654 },
    });
  });
});
