import 'reflect-metadata';
import { IsDate, IsInt, IsNumber, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { DatabaseError, InvalidQueryError, ValidationError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

/**
 * The value table of the README, row by row: every value either round-trips exactly (read
 * back through a second registry, so nothing comes from memory) or is refused with a
 * ValidationError naming the field, with nothing written, the same way on every dialect.
 */
@Model({ table: 'fid_values' })
class Sample {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() name?: string | null;
  @Field({ type: 'text', nullable: true }) @IsOptional() @IsString() body?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsInt() qty?: number | null;
  @Field({ nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) rating?:
    number | null;
  @Field({ nullable: true }) @IsOptional() @IsNumber() ratio?: number | null;
  @Field({ precision: 12, scale: 2, nullable: true }) @IsOptional() price?: number | null;
  @Field({ nullable: true }) @IsOptional() @IsDate() at?: Date | null;
  @Field({ type: 'date', nullable: true }) @IsOptional() day?: Date | null;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() big?: string | null;
  @Field({ type: 'bigint', bigintMode: 'bigint', nullable: true }) @IsOptional() exact?:
    bigint | null;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() small?: number | null;
  @Field({ type: 'json', nullable: true }) @IsOptional() data?: unknown;
}

describeEachDialect('Value fidelity', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Sample);
  });
  afterAll(() => db.dispose());
  beforeEach(() => db.manager(Sample).deleteWhere({}, { allowFullTable: true }));
  const samples = () => db.manager(Sample);

  /** Reads one row back through a registry of its own. */
  async function reread(id: number): Promise<Sample> {
    const fresh = new DatabaseRegistry({ url: target().url }).register(Sample);
    try {
      return await fresh.manager(Sample).require(id);
    } finally {
      await fresh.dispose();
    }
  }

  async function roundTrip<K extends keyof Sample>(field: K, value: Sample[K]): Promise<Sample[K]> {
    const created = await samples().create({ [field]: value } as Partial<Sample>);
    return (await reread(created.id!))[field];
  }

  async function refused(data: Partial<Sample>, field: string, message: RegExp): Promise<void> {
    const before = await samples().count();
    const error = await samples()
      .create(data)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues.find((i) => i.field === field);
    expect(issue?.messages.join(' ')).toMatch(message);
    expect(await samples().count()).toBe(before);
  }

  it('reads every field type the same through filter (rows as arrays) and require (rows as objects)', async () => {
    const full = await samples().create({
      name: 'ünï',
      body: 'line\nline',
      qty: -7,
      rating: 4.25,
      ratio: 1e-300,
      price: 1234567890.12,
      at: new Date('2026-03-29T01:30:00.123Z'),
      day: new Date('0001-01-01T00:00:00.000Z'),
      big: '-9223372036854775808',
      exact: 9223372036854775807n,
      small: 2 ** 53 - 1,
      data: { a: [1, 'two', null, { b: true }] },
    });
    const empty = await samples().create({});
    const fresh = new DatabaseRegistry({ url: target().url }).register(Sample);
    try {
      const listed = await fresh.manager(Sample).filter({}, { orderBy: 'id' });
      const required = [
        await fresh.manager(Sample).require(full.id!),
        await fresh.manager(Sample).require(empty.id!),
      ];
      expect(listed).toEqual(required);
      expect(listed.map((r) => Object.keys(r))).toEqual(required.map((r) => Object.keys(r)));
      expect(listed[0]).toEqual({ ...full });
      expect(listed[1].name).toBeNull();
      listed[1].qty = 3;
      await listed[1].save();
      expect((await samples().require(empty.id!)).qty).toBe(3);
    } finally {
      await fresh.dispose();
    }
  });

  describe('strings', () => {
    it('refuses a lone surrogate and NUL, in strings, text and json', async () => {
      await refused({ name: 'x\uD800y' }, 'name', /well-formed Unicode/);
      await refused({ body: 'x\uDC00' }, 'body', /well-formed Unicode/);
      await refused({ name: 'a\u0000b' }, 'name', /NUL/);
      await refused({ data: { note: ['ok', 'a\u0000b'] } }, 'data', /NUL/);
      await refused({ data: { ['k\uD800']: 1 } }, 'data', /well-formed/);
    });

    it('round-trips astral characters, counted as one character each against the length', async () => {
      expect(await roundTrip('name', '😀'.repeat(255))).toBe('😀'.repeat(255));
      await refused({ name: '😀'.repeat(256) }, 'name', /at most 255 characters/);
    });

    it('holds 70 KB and 10 MB of text on every dialect, and refuses more than 16 MB', async () => {
      const seventy = 'é'.repeat(35_000);
      expect(await roundTrip('body', seventy)).toBe(seventy);
      const ten = 'abcdefghij'.repeat(1_000_000);
      expect(await roundTrip('body', ten)).toBe(ten);
      await refused({ body: 'a'.repeat(16_000_001) }, 'body', /at most 16000000 bytes/);
    });
  });

  describe('numbers', () => {
    it('refuses integers outside the 32-bit column range and keeps its bounds', async () => {
      await refused({ qty: 2 ** 31 }, 'qty', /from -2147483648 to 2147483647/);
      await refused({ qty: -(2 ** 31) - 1 }, 'qty', /from -2147483648 to 2147483647/);
      expect(await roundTrip('qty', 2 ** 31 - 1)).toBe(2 ** 31 - 1);
      expect(await roundTrip('qty', -(2 ** 31))).toBe(-(2 ** 31));
    });

    it('refuses decimals beyond precision or scale and round-trips those that fit', async () => {
      await refused({ price: 19999999999.98 }, 'price', /decimal\(12,2\)/);
      await refused({ price: 0.1 + 0.2 }, 'price', /decimal\(12,2\)/);
      await refused({ price: 1e-7 }, 'price', /decimal\(12,2\)/);
      expect(await roundTrip('price', 9999999999.99)).toBe(9999999999.99);
      expect(await roundTrip('price', -0.01)).toBe(-0.01);
    });

    it('refuses NaN and infinities', async () => {
      await refused({ ratio: NaN }, 'ratio', /finite number/);
      await refused({ ratio: Infinity }, 'ratio', /finite number/);
      await refused({ ratio: -Infinity }, 'ratio', /finite number/);
    });

    it('reports a class-validator rule that throws as the field issue', async () => {
      await refused({ rating: 1e-7 }, 'rating', /could not be checked/);
      await refused({ rating: 5e-324 }, 'rating', /could not be checked/);
      expect(await roundTrip('rating', 4.25)).toBe(4.25);
    });

    it('round-trips doubles exactly and stores -0 as 0', async () => {
      expect(await roundTrip('ratio', 0.1 + 0.2)).toBe(0.1 + 0.2);
      expect(await roundTrip('ratio', 5e-324)).toBe(5e-324);
      expect(await roundTrip('ratio', -1.7976931348623157e308)).toBe(-1.7976931348623157e308);
      expect(Object.is(await roundTrip('ratio', -0), 0)).toBe(true);
    });
  });

  describe('big integers', () => {
    const beyond = '9007199254740993';

    it('reads a bigint column as a string or a bigint, never a rounded number', async () => {
      expect(await roundTrip('big', beyond)).toBe(beyond);
      expect(await roundTrip('exact', 9007199254740993n)).toBe(9007199254740993n);
      expect(await roundTrip('big', '-9223372036854775808')).toBe('-9223372036854775808');
      await refused({ big: '9223372036854775808' }, 'big', /from -9223372036854775808/);
    });

    it('reads a value written by other SQL exactly', async () => {
      const { id } = await samples().create({ big: '1', exact: 1n });
      await samples().raw(
        `UPDATE fid_values SET big = ${beyond}, exact = -9223372036854775807 WHERE id = ${id}`,
      );
      const read = await reread(id!);
      expect(read.big).toBe(beyond);
      expect(read.exact).toBe(-9223372036854775807n);
    });

    it('finds rows by a bigint beyond 2^53 exactly', async () => {
      await samples().create({ big: beyond });
      await samples().create({ big: '9007199254740992' });
      expect((await samples().filter({ big: beyond })).map((s) => s.big)).toEqual([beyond]);
      expect(await samples().count({ big__gt: '9007199254740992' })).toBe(1);
    });

    it('refuses to round a value a number property cannot hold', async () => {
      await refused({ small: 2 ** 53 }, 'small', /integer/);
      const { id } = await samples().create({ small: 1 });
      const table = db.manager(Sample);
      await table.raw(`UPDATE fid_values SET small = 9007199254740993 WHERE id = ${id}`);
      const error = await reread(id!).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as Error).message).toMatch(/declare small as bigint or string/);
    });
  });

  describe('dates', () => {
    it('round-trips the first and last instants of years 1 to 9999', async () => {
      const first = new Date('0001-01-01T00:00:00.000Z');
      const last = new Date('9999-12-31T23:59:59.999Z');
      expect((await roundTrip('at', first))!.toISOString()).toBe('0001-01-01T00:00:00.000Z');
      expect((await roundTrip('at', last))!.toISOString()).toBe('9999-12-31T23:59:59.999Z');
      const firstDay = await roundTrip('day', new Date('0001-01-01T00:00:00Z'));
      expect(firstDay!.toISOString()).toBe('0001-01-01T00:00:00.000Z');
      const lastDay = await roundTrip('day', '9999-12-31' as any);
      expect(lastDay!.toISOString()).toBe('9999-12-31T00:00:00.000Z');
    });

    it('refuses years outside 1..9999 and dates that do not exist', async () => {
      const tenThousand = new Date('9999-12-31T23:59:59.999Z');
      tenThousand.setUTCFullYear(10000);
      await refused({ at: tenThousand }, 'at', /years 1 to 9999/);
      await refused({ at: new Date(Date.UTC(-1, 0, 1)) }, 'at', /years 1 to 9999/);
      await refused({ at: '2024-02-30T00:00:00Z' as any }, 'at', /valid date/);
      await refused({ at: new Date(NaN) }, 'at', /valid date/);
    });

    it('keeps day-only fields to whole days', async () => {
      await refused({ day: new Date('2024-05-05T13:00:00Z') }, 'day', /calendar day/);
      expect((await roundTrip('day', '2024-02-29' as any))!.toISOString()).toBe(
        '2024-02-29T00:00:00.000Z',
      );
    });
  });

  describe('the other write paths', () => {
    it('updateWhere refuses the same values and changes nothing', async () => {
      const { id } = await samples().create({ name: 'kept', qty: 1 });
      const error = await samples()
        .updateWhere({ id }, { name: 'a\u0000b', qty: 2 ** 31 })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field).sort()).toEqual(['name', 'qty']);
      expect(await reread(id!)).toMatchObject({ name: 'kept', qty: 1 });
    });

    it('bulkCreate refuses the whole batch for one bad row', async () => {
      const error = await samples()
        .bulkCreate([{ name: 'a' }, { price: 1e-7 }])
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ValidationError);
      expect(await samples().count()).toBe(0);
    });

    it('filters refuse values no column can hold, before any SQL', async () => {
      await expect(samples().filter({ name: 'a\u0000b' })).rejects.toThrow(InvalidQueryError);
      await expect(samples().filter({ name__contains: 'x\uD800' })).rejects.toThrow(
        InvalidQueryError,
      );
      await expect(samples().filter({ qty__gt: 2 ** 31 })).rejects.toThrow(InvalidQueryError);
      await expect(samples().filter({ at__lt: '2024-02-30' })).rejects.toThrow(InvalidQueryError);
    });
  });
});
