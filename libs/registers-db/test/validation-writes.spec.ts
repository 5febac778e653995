import 'reflect-metadata';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { ImmutableFieldError, InvalidQueryError, ValidationError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'val_people' })
class Person {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 320 }) @IsEmail() email!: string;
  @Field() @IsString() @MaxLength(20) name!: string;
  @Field() @IsInt() @Min(0) age!: number;
  @Field() rating: number = 0;
  @Field({ type: 'text', nullable: true }) @IsOptional() @IsString() bio?: string | null;
}

describeEachDialect('Write validation', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Person);
  });
  afterAll(() => db.dispose());
  beforeEach(() => db.manager(Person).deleteWhere({}, { allowFullTable: true }));
  const people = () => db.manager(Person);
  const valid = { email: 'ada@example.com', name: 'Ada', age: 36 };

  async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
    const error: ValidationError = await promise.then(
      () => undefined as never,
      (e: ValidationError) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return error;
  }

  it('reports class-validator failures per field and writes nothing', async () => {
    const error = await rejection(
      people().create({ email: 'not-an-email', name: 'x'.repeat(21), age: -1 }),
    );
    expect(error.issues.map((i) => i.field).sort()).toEqual(['age', 'email', 'name']);
    expect(error.issues.find((i) => i.field === 'email')!.messages.join(' ')).toMatch(/email/);
    expect(error.context).toMatchObject({
      model: 'Person',
      table: 'val_people',
      operation: 'create',
    });
    expect(JSON.stringify(error)).not.toContain('not-an-email');
    expect(await people().count()).toBe(0);
  });

  it('rejects missing required fields and null for non-nullable ones', async () => {
    const missing = await rejection(people().create({ email: 'a@example.com', name: 'A' } as any));
    expect(missing.issues.map((i) => i.field)).toContain('age');
    const nulled = await rejection(people().create({ ...valid, name: null } as any));
    expect(nulled.issues.map((i) => i.field)).toContain('name');
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const error = await rejection(people().create({ ...valid, isAdmin: true } as any));
    expect(error.issues).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
    expect(await people().count()).toBe(0);
  });

  it('rejects prototype-reaching keys and never merges them', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const payload = JSON.parse(
        `{"email":"a@example.com","name":"A","age":1,"${key}":{"polluted":true}}`,
      );
      const error = await rejection(people().create(payload));
      expect(error.issues.map((i) => i.field)).toEqual([key]);
    }
    await rejection(
      people().updateWhere({ name: 'A' }, JSON.parse('{"__proto__":{"polluted":true}}')),
    );
    expect(({} as any).polluted).toBeUndefined();
    expect(await people().count()).toBe(0);
  });

  it('rejects a where with a prototype-reaching key as an invalid query', async () => {
    await expect(people().filter(JSON.parse('{"__proto__":1}'))).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
  });

  it('rejects NaN and Infinity for numbers, with or without validator rules', async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const error = await rejection(people().create({ ...valid, rating: bad }));
      expect(error.issues.map((i) => i.field)).toEqual(['rating']);
      await rejection(people().create({ ...valid, age: bad }));
    }
    expect(await people().count()).toBe(0);
  });

  it('rejects values of the wrong type for the column', async () => {
    await rejection(people().create({ ...valid, age: '36' as any }));
    await rejection(people().create({ ...valid, rating: '9.5' as any }));
    await rejection(people().create({ ...valid, bio: 42 as any }));
    await rejection(people().create([valid] as any));
    await rejection(people().create(null as any));
  });

  it('stores SQL-looking strings literally', async () => {
    const sneaky = "Robert'); DROP TABLE val_people;--";
    const created = await people().create({ ...valid, name: 'Bobby', bio: sneaky });
    expect((await people().require(created.id!)).bio).toBe(sneaky);
    expect(await people().count({ bio: sneaky })).toBe(1);
    const quoted = await people().create({ ...valid, email: 'q@example.com', name: `" OR 1=1 --` });
    expect((await people().require(quoted.id!)).name).toBe(`" OR 1=1 --`);
  });

  it('stores unicode exactly and counts length in characters', async () => {
    const name = '😀'.repeat(20);
    const created = await people().create({ ...valid, name, bio: 'Zürich · 東京 · ‮' });
    const read = await people().require(created.id!);
    expect(read.name).toBe(name);
    expect(read.bio).toBe('Zürich · 東京 · ‮');
  });

  it('rejects a string longer than its column and stores a huge text', async () => {
    await rejection(people().create({ ...valid, email: `${'a'.repeat(320)}@example.com` }));
    const bio = 'x'.repeat(60_000);
    const created = await people().create({ ...valid, bio });
    expect((await people().require(created.id!)).bio).toHaveLength(60_000);
  });

  it('validates changes of updateWhere and writes nothing when one is bad', async () => {
    const ada = await people().create(valid);
    await rejection(people().updateWhere({ id: ada.id }, { age: -5 }));
    await rejection(people().updateWhere({ id: ada.id }, { nickname: 'x' } as any));
    await expect(people().updateWhere({ id: ada.id }, { id: 7 } as any)).rejects.toBeInstanceOf(
      ImmutableFieldError,
    );
    expect((await people().require(ada.id!)).age).toBe(36);
  });

  it('validates a record on save() and leaves the row unchanged when invalid', async () => {
    const ada = await people().create(valid);
    ada.age = -1;
    const error = await rejection(ada.save());
    expect(error.context.operation).toBe('save');
    expect((await people().require(ada.id!)).age).toBe(36);
  });

  it('validates every row of upserts', async () => {
    await rejection(people().upsert({ ...valid, email: 'bad' }));
    expect(await people().count()).toBe(0);
  });
});
