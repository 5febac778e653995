import 'reflect-metadata';
import { inspect } from 'node:util';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNegative,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  validateSync,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { DatabaseRegistry, Field, Model, ValidationError } from '../src';
import type { FieldValidationIssue } from '../src/errors';
import type { CompiledAccept } from '../src/validation/compiled-accept';
import { IssueList, issuesFromClassValidator } from '../src/validation/validation-issues';

/*
 * The compiled accept check (src/validation/compiled-accept.ts) may only ever say "valid"
 * where ModelValidator's generic checks (storage types, then class-validator) find nothing,
 * and `onlyKnownKeys` only where checkKeys finds nothing. These tests hold it to that on
 * generated input, on custom rules that borrow a built-in rule's name, and end to end.
 */

// ------------------------------------------------------------------ custom rules

function IsEven(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEven',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && value % 2 === 0,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be even`,
      },
    },
    options,
  );
}

function IsMultipleOf(factor: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMultipleOf',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [factor],
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          typeof value === 'number' && value % (args!.constraints[0] as number) === 0,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be a multiple of ${args?.constraints[0]}`,
      },
    });
}

/** Registered under a built-in's name, accepting only 7. */
function IsOnlySeven(): PropertyDecorator {
  return ValidateBy({
    name: 'isInt',
    validator: {
      validate: (value: unknown) => value === 7,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be 7`,
    },
  });
}

/** Registered under a built-in's name: an integer, except 13 (agrees with isInt on every probe). */
function IsIntButNotThirteen(): PropertyDecorator {
  return ValidateBy({
    name: 'isInt',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isInteger(value) && value !== 13,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be 13`,
    },
  });
}

/** Registered under a built-in's name: at most `max` UTF-8 bytes (stricter than maxLength). */
function MaxBytes(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'maxLength',
    constraints: [max],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        typeof value === 'string' && Buffer.byteLength(value) <= (args!.constraints[0] as number),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be at most ${args?.constraints[0]} bytes`,
    },
  });
}

/** Registered under a built-in's name: a non-blank string (throws on values that are not strings). */
function IsNotBlank(): PropertyDecorator {
  return ValidateBy({
    name: 'isNotEmpty',
    validator: {
      validate: (value: unknown) => (value as string).trim() !== '',
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be blank`,
    },
  });
}

function IsEventuallyTrue(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEventuallyTrue',
      target: target.constructor,
      propertyName: propertyName as string,
      async: true,
      validator: { validate: async () => true },
    });
}

// ------------------------------------------------------------------ models

enum Color {
  Red = 'red',
  Green = 'green',
}

enum Level {
  Low = 1,
  High = 2,
}

@Model({ table: 'compiled_profiles' })
class Profile {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 5 }) @IsString() @MinLength(1) @MaxLength(5) name!: string;
  @Field({ length: 4 }) @IsString() tag!: string;
  @Field() @IsInt() @Min(0) @Max(130) age!: number;
  @Field() @IsNumber() score!: number;
  @Field({ type: 'decimal', precision: 10, scale: 2 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  price!: number;
  @Field() @IsNegative() debt!: number;
  @Field() @IsBoolean() active!: boolean;
  @Field({ length: 320 }) @IsEmail() email!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(3) note?: string | null;
  @Field() @IsIn(['admin', 'user']) role!: string;
  @Field() @IsEnum(Color) color!: Color;
  @Field() @IsEnum(Level) level!: Level;
  @Field() @IsNotEmpty() code!: string;
  @Field() @IsEven() even!: number;
  @Field({ type: 'integer' }) @IsMultipleOf(3) triple!: number;
}

@Model({ table: 'compiled_ledgers' })
class Ledger {
  @Field({ id: 'uuid4' }) id?: string;
  @Field({ type: 'decimal' }) amount!: string | number;
  @Field({ type: 'text' }) @IsString() body!: string;
  @Field({ type: 'datetime' }) at!: Date;
  @Field() day!: Date;
  @Field({ type: 'json' }) data!: unknown;
  @Field({ type: 'uuid' }) @IsOptional() ref?: string | null;
  @Field({ type: 'enum' }) @IsIn(['open', 'closed']) status!: string;
  @Field({ nullable: true })
  @ValidateIf((o: Ledger) => o.status === 'closed')
  @IsString()
  @IsNotEmpty()
  reason?: string | null;
  @Field({ type: 'bigint' }) @IsDefined() big!: number;
  @Field({ nullable: false }) @IsOptional() @IsInt() @Min(1) rank?: number;
  @Field({ excludeFromDb: true }) @IsOptional() @MinLength(2) confirm?: string;
}

@Model({ table: 'compiled_mixed' })
class Mixed {
  @Field({ id: 'manual' }) @IsInt() id!: number;
  @Field() plain!: string;
  @Field() amount!: number;
  @Field() flag!: boolean;
  @Field({ nullable: true }) maybe?: number | null;
  @Field() @IsDefined() @IsString() @MaxLength(2) short!: string;
  @Field({ type: 'date' }) @IsOptional() born?: Date | null;
  @Field({ type: 'text', default: 'n/a' }) @IsString() @MinLength(2) remark?: string;
}

// ------------------------------------------------------------------ helpers

interface Validator {
  fast: CompiledAccept | undefined;
  assign(data: Record<string, unknown>): object;
  checkKeys(data: unknown, issues: IssueList, ctx: { operation: string }): unknown;
  checkStoredFields(instance: object, issues: IssueList): void;
  build(data: unknown, options: { operation: string }): object | Promise<object>;
}

function validatorOf(registry: DatabaseRegistry, model: Function): Validator {
  return (registry.manager(model as any) as any).writes.model.validator;
}

/** What the generic path finds for a built instance: storage checks, then class-validator. */
function genericIssues(validator: Validator, instance: object): FieldValidationIssue[] {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(instance)), instance);
  const issues = new IssueList();
  validator.checkStoredFields(copy, issues);
  issues.addAll(issuesFromClassValidator(validateSync(copy, { forbidUnknownValues: false })));
  return issues.toArray();
}

/** A small deterministic generator (no flaky randomness). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648);
}

const OMIT = Symbol('omit');

/** Values drawn into generated input, valid or not for some field. */
const POOL: readonly unknown[] = [
  OMIT,
  undefined,
  null,
  0,
  -0,
  1,
  -1,
  2,
  3,
  6,
  7,
  13,
  42,
  130,
  131,
  1.5,
  -2.5,
  0.125,
  12.34,
  12.345,
  -0.5,
  1e21,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
  10n,
  2n ** 70n,
  '',
  ' ',
  'a',
  'ab',
  'abc',
  'abcd',
  'abcde',
  'abcdef',
  'x'.repeat(256),
  'x'.repeat(321),
  '42',
  '-3',
  '1.25',
  '1e3',
  '0x10',
  // UTF-16 length above the limits below, code points within them.
  '😀',
  '😀😀',
  '😀😀😀',
  '😀😀😀😀',
  '😀😀😀😀😀',
  '😀😀😀😀😀😀',
  // emoji with variation selectors (validator.js does not count U+FE0F)
  '❤️',
  '❤️❤️',
  '❤️❤️❤️',
  'é',
  'e\u0301',
  '日本語',
  'ab😀',
  '\u0000',
  'user@example.com',
  'Ada.Lovelace+x@Example.ORG',
  'a..b@example.com',
  "o'brien!#@example.com",
  'a@b',
  'admin',
  'user',
  'Admin',
  'red',
  'green',
  'Red',
  'Low',
  'open',
  'closed',
  '2024-01-02',
  '2024-01-02T03:04:05.000Z',
  'not a date',
  '123e4567-e89b-12d3-a456-426614174000',
  '123E4567-E89B-12D3-A456-426614174000',
  '123e4567-e89b-12d3-a456-42661417400',
  true,
  false,
  new Date(0),
  new Date('2024-05-06T07:08:09.000Z'),
  new Date(NaN),
  {},
  { a: 1 },
  [],
  [1, 2],
  ['admin'],
  () => 1,
];

/** Ordinary valid values per field; every combination is a valid record. */
const ORDINARY: Record<string, Record<string, readonly unknown[]>> = {
  Profile: {
    name: ['Ada', 'abcde', 'é'],
    tag: ['t', 'tags'],
    age: [0, 42, 130],
    score: [0, -1.5, 1e6],
    price: [0.01, 12.34, 99],
    debt: [-1, -0.5],
    active: [true, false],
    email: ['user@example.com', 'Ada.Lovelace+x@Example.ORG'],
    note: [OMIT, null, 'ok', ''],
    role: ['admin', 'user'],
    color: [Color.Red, Color.Green],
    level: [Level.Low, Level.High],
    code: ['c', 'code-1'],
    even: [0, 2, -4],
    triple: [0, 3, 99],
  },
  Ledger: {
    amount: [12.5, '12.50', 0],
    body: ['', 'long text'],
    at: [new Date('2024-01-02T03:04:05.000Z')],
    day: [new Date('2020-02-29T00:00:00.000Z')],
    data: [{ a: 1 }, [1, 2], 'text', 0, true],
    ref: [OMIT, null, '123e4567-e89b-12d3-a456-426614174000'],
    status: ['open'],
    reason: [OMIT, null, 'why'],
    big: [0, 42],
    rank: [1, 5],
    confirm: [OMIT, 'ok'],
  },
  Mixed: {
    id: [1, 2],
    plain: ['p', ''],
    amount: [1.5, 0],
    flag: [true, false],
    maybe: [OMIT, null, 3.5],
    short: ['ab', 'a', ''],
    born: [OMIT, null, new Date('1990-01-01T00:00:00.000Z')],
    remark: ['fine', 'ok'],
  },
};

const MODELS = [Profile, Ledger, Mixed] as const;

interface Candidate {
  data: Record<string, unknown>;
  mutated: boolean;
}

/** Ordinary records, each with up to three fields replaced by pool values (or left out). */
function* candidates(model: Function, count: number, seed: number): Generator<Candidate> {
  const ordinary = ORDINARY[model.name];
  const fields = Object.keys(ordinary);
  const next = lcg(seed);
  for (let i = 0; i < count; i++) {
    const data: Record<string, unknown> = {};
    for (const field of fields) {
      const value = ordinary[field][next() % ordinary[field].length];
      if (value !== OMIT) data[field] = value;
    }
    const mutations = next() % 4;
    for (let j = 0; j < mutations; j++) {
      const field = fields[next() % fields.length];
      const value = POOL[next() % POOL.length];
      if (value === OMIT) delete data[field];
      else data[field] = value;
    }
    yield { data, mutated: mutations > 0 };
  }
}

const show = (value: unknown) => inspect(value, { depth: 3, breakLength: Infinity });

type Outcome =
  | { ok: true; record: Record<string, unknown> }
  | { ok: false; type: string; message: string; issues?: unknown; context?: unknown };

function outcomeOf(run: () => unknown, ignore: string[] = []): Outcome {
  try {
    const record = { ...(run() as Record<string, unknown>) };
    for (const key of ignore) delete record[key];
    return { ok: true, record };
  } catch (error: any) {
    return {
      ok: false,
      type: error?.constructor?.name,
      message: error?.message,
      issues: error?.issues,
      context: error?.context,
    };
  }
}

async function asyncOutcomeOf(run: () => Promise<unknown>, ignore: string[] = []) {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    return outcomeOf(() => {
      throw error;
    });
  }
  return outcomeOf(() => result, ignore);
}

function withoutFast<R>(validator: Validator, run: () => R): R {
  const fast = validator.fast;
  validator.fast = undefined;
  try {
    return run();
  } finally {
    validator.fast = fast;
  }
}

// ------------------------------------------------------------------ 1. soundness

describe('the compiled accept check on generated input', () => {
  const registry = new DatabaseRegistry({ url: 'sqlite::memory:' });
  for (const model of MODELS) registry.register(model);
  afterAll(() => registry.dispose());

  it.each(MODELS.map((model) => [model.name, model]))('compiles a check for %s', (_name, model) => {
    expect(validatorOf(registry, model).fast).toBeDefined();
  });

  it.each(MODELS.map((model, i) => [model.name, model, 1000 + i]))(
    'never accepts a %s instance the generic checks find an issue with (4,000 candidates)',
    (_name, model, seed) => {
      const validator = validatorOf(registry, model);
      const fast = validator.fast!;
      const wrong: string[] = [];
      let accepted = 0;
      let valid = 0;
      for (const { data } of candidates(model, 4000, seed)) {
        const instance = validator.assign(data);
        const issues = genericIssues(validator, instance);
        if (issues.length === 0) valid++;
        if (!fast.accepts(instance)) continue;
        accepted++;
        if (issues.length) wrong.push(`${show(data)} → ${show(issues)}`);
      }
      expect(wrong).toEqual([]);
      // The check is worth having only if it takes most valid input.
      expect(accepted).toBeGreaterThan(400);
      expect(accepted).toBeGreaterThan(valid * 0.6);
    },
  );

  it.each(MODELS.map((model, i) => [model.name, model, 2000 + i]))(
    'accepts every unmutated ordinary %s record',
    (_name, model, seed) => {
      const validator = validatorOf(registry, model);
      const rejected: string[] = [];
      let checked = 0;
      for (const { data, mutated } of candidates(model, 2000, seed)) {
        if (mutated) continue;
        checked++;
        const instance = validator.assign(data);
        expect(genericIssues(validator, instance)).toEqual([]);
        if (!validator.fast!.accepts(instance)) rejected.push(show(data));
      }
      expect(rejected).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    },
  );

  it('leaves the instance it checks unchanged', () => {
    const validator = validatorOf(registry, Ledger);
    for (const { data } of candidates(Ledger, 500, 7)) {
      const instance = validator.assign(data);
      const before = { ...instance };
      validator.fast!.accepts(instance);
      expect({ ...instance }).toStrictEqual(before);
    }
  });

  it.each(MODELS.map((model, i) => [model.name, model, 3000 + i]))(
    'builds the same %s record or fails with the same error with and without the check',
    (_name, model, seed) => {
      const validator = validatorOf(registry, model);
      const differences: string[] = [];
      const ctx = { operation: 'create' };
      for (const { data } of candidates(model, 3000, seed)) {
        // uuid keys are random per build
        const fast = outcomeOf(() => validator.build(data, ctx), ['id']);
        const generic = withoutFast(validator, () =>
          outcomeOf(() => validator.build(data, ctx), ['id']),
        );
        try {
          expect(fast).toStrictEqual(generic);
        } catch {
          differences.push(`${show(data)}: fast ${show(fast)} vs generic ${show(generic)}`);
        }
      }
      expect(differences).toEqual([]);
    },
  );

  it('accepts a string whose UTF-16 length exceeds the column only through the generic path', () => {
    const validator = validatorOf(registry, Profile);
    const data = { ...firstOrdinary('Profile'), name: '😀😀😀😀😀', tag: '😀😀😀😀' };
    const instance = validator.assign(data);
    expect(genericIssues(validator, instance)).toEqual([]);
    expect(validator.fast!.accepts(instance)).toBe(false);
    expect(() => validator.build(data, { operation: 'create' })).not.toThrow();
  });
});

function firstOrdinary(model: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(ORDINARY[model]))
    if (values[0] !== OMIT) data[field] = values[0];
  return data;
}

// ------------------------------------------------------------------ 2. borrowed names

@Model({ table: 'compiled_lucky' })
class Lucky {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ type: 'integer' }) @IsOnlySeven() lucky!: number;
}

@Model({ table: 'compiled_unlucky' })
class Unlucky {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ type: 'integer' }) @IsIntButNotThirteen() floor!: number;
}

@Model({ table: 'compiled_handles' })
class Handle {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 8 }) @IsString() @MaxBytes(8) handle!: string;
}

@Model({ table: 'compiled_blank' })
class Titled {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() @IsNotBlank() title!: string;
}

describe('a custom rule registered under a built-in rule’s name', () => {
  const registry = new DatabaseRegistry({ url: 'sqlite::memory:' });
  registry.register(Lucky).register(Unlucky).register(Handle);
  afterAll(() => registry.dispose());

  it('is called instead of inlined when it disagrees with the built-in on a probe value', async () => {
    const validator = validatorOf(registry, Lucky);
    expect(validator.fast).toBeDefined();
    expect(validator.fast!.accepts(validator.assign({ lucky: 7 }))).toBe(true);
    for (const lucky of [0, 1, 8, 42, -1])
      expect(validator.fast!.accepts(validator.assign({ lucky }))).toBe(false);
    const lucky = registry.manager(Lucky);
    await expect(lucky.create({ lucky: 8 })).rejects.toThrow(ValidationError);
    await expect(lucky.create({ lucky: 8 })).rejects.toThrow('Lucky: invalid lucky');
    expect((await lucky.create({ lucky: 7 })).lucky).toBe(7);
  });

  /** What each path says about one value of one field, end to end. */
  async function verdicts(model: Function, data: Record<string, unknown>) {
    const validator = validatorOf(registry, model);
    const instance = validator.assign(data);
    const created = await registry
      .manager(model as typeof Unlucky)
      .create(data as any)
      .then(
        () => 'created',
        (e: unknown) => (e instanceof ValidationError ? 'ValidationError' : String(e)),
      );
    return {
      genericFindsIssue: genericIssues(validator, instance).length > 0,
      fastAccepts: validator.fast?.accepts(instance) ?? false,
      created,
    };
  }

  it('is called instead of inlined when it agrees with the built-in on every probe value (isInt except 13)', async () => {
    expect(await verdicts(Unlucky, { floor: 13 })).toEqual({
      genericFindsIssue: true,
      fastAccepts: false,
      created: 'ValidationError',
    });
    expect(await verdicts(Unlucky, { floor: 12 })).toEqual({
      genericFindsIssue: false,
      fastAccepts: true,
      created: 'created',
    });
  });

  it('is called instead of inlined when it is stricter than the built-in only off the probes (maxLength in bytes)', async () => {
    // five characters, ten UTF-8 bytes
    expect(await verdicts(Handle, { handle: 'ééééé' })).toEqual({
      genericFindsIssue: true,
      fastAccepts: false,
      created: 'ValidationError',
    });
    expect(await verdicts(Handle, { handle: 'éééé' })).toEqual({
      genericFindsIssue: false,
      fastAccepts: true,
      created: 'created',
    });
  });

  it('that throws on a value nobody writes does not keep the model from being registered', async () => {
    const own = new DatabaseRegistry({ url: 'sqlite::memory:' });
    try {
      expect(() => own.register(Titled)).not.toThrow();
      const titled = own.manager(Titled);
      expect((await titled.create({ title: 'x' })).title).toBe('x');
      await expect(titled.create({ title: '  ' })).rejects.toThrow(ValidationError);
    } finally {
      await own.dispose();
    }
  });
});

// ------------------------------------------------------------------ 3. left alone

@Model({ table: 'compiled_async' })
class WithAsyncRule {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() @IsEventuallyTrue() name!: string;
}

class Address {
  @IsString() city!: string;
}

@Model({ table: 'compiled_nested' })
class WithNestedRule {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ type: 'json' }) @ValidateNested() address!: Address;
}

@Model({ table: 'compiled_each' })
class WithEachRule {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ type: 'json' }) @IsString({ each: true }) tags!: string[];
}

@Model({ table: 'compiled_each_defined' })
class WithEachDefined {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ type: 'json' }) @IsDefined({ each: true }) items!: unknown[];
}

describe('models the compiler leaves to class-validator', () => {
  const registry = new DatabaseRegistry({ url: 'sqlite::memory:' });
  const models = [WithAsyncRule, WithNestedRule];
  for (const model of [...models, WithEachRule, WithEachDefined]) registry.register(model);
  afterAll(() => registry.dispose());

  it.each(models.map((model) => [model.name, model]))('get no compiled check: %s', (_n, model) => {
    expect(validatorOf(registry, model).fast).toBeUndefined();
  });

  it('compile per-item rules with class-validator’s answer for every collection', () => {
    const cases: Array<[Function, string, unknown[]]> = [
      [
        WithEachRule,
        'tags',
        [
          ['a', 'b'],
          [],
          ['a', 1],
          [1],
          new Set(['a']),
          new Set(['a', 2]),
          new Map([['k', 'v']]),
          new Map([['k', 3]]),
          'plain',
          7,
          null,
        ],
      ],
      [WithEachDefined, 'items', [[1, 'x'], [], [1, null], [undefined], new Set([0]), 'x', null]],
    ];
    for (const [model, field, values] of cases) {
      const validator = validatorOf(registry, model);
      expect(validator.fast).toBeDefined();
      for (const value of values) {
        const instance = validator.assign({ [field]: value });
        const valid = genericIssues(validator, instance).length === 0;
        expect({ field, value: show(value), accepted: validator.fast!.accepts(instance) }).toEqual({
          field,
          value: show(value),
          accepted: valid,
        });
      }
    }
  });

  it('still reject what their rules reject', async () => {
    await expect(registry.manager(WithEachRule).create({ tags: ['a', 1] as any })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      registry
        .manager(WithNestedRule)
        .create({ address: Object.assign(new Address(), { city: 1 }) }),
    ).rejects.toThrow(ValidationError);
    expect((await registry.manager(WithAsyncRule).create({ name: 'a' })).name).toBe('a');
  });
});

// ------------------------------------------------------------------ 4. onlyKnownKeys

describe('the compiled known-keys check', () => {
  const registry = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(Profile);
  afterAll(() => registry.dispose());
  const validator = () => validatorOf(registry, Profile);
  const known = (data: unknown) => validator().fast!.onlyKnownKeys(data);

  /** Whether checkKeys finds nothing (it throws for input that is not an object). */
  const keysPass = (data: unknown) => {
    const issues = new IssueList();
    try {
      validator().checkKeys(data, issues, { operation: 'create' });
    } catch {
      return false;
    }
    return issues.empty;
  };

  const nullProto = (entries: Record<string, unknown>) =>
    Object.assign(Object.create(null), entries);

  it('is true for plain objects with only field keys', () => {
    for (const data of [
      {},
      { name: 'a' },
      { ...firstOrdinary('Profile') },
      { id: 1, name: 'x', note: null },
      nullProto({}),
      nullProto({ name: 'a', age: 3 }),
      JSON.parse('{"name":"a","email":"x@y.io"}'),
    ]) {
      expect(known(data)).toBe(true);
      expect(keysPass(data)).toBe(true);
    }
  });

  it('is false for unknown or unsafe keys and for anything but a plain object', () => {
    class Other {
      name = 'a';
    }
    const cases: Array<[string, unknown]> = [
      ['an unknown key', { name: 'a', nope: 1 }],
      ['an unknown key on a null-prototype object', nullProto({ nope: 1 })],
      ['an own __proto__ key', JSON.parse('{"__proto__":1}')],
      ['an own __proto__ key beside fields', JSON.parse('{"name":"a","__proto__":{"x":1}}')],
      ['a constructor key', { constructor: 1 }],
      ['a prototype key', { prototype: 1 }],
      ['a toString key', { toString: 1 }],
      ['an array', ['name']],
      ['an empty array', []],
      ['null', null],
      ['undefined', undefined],
      ['a string', 'name'],
      ['a number', 1],
      ['a class instance', new Other()],
      ['a model instance', Object.assign(new Profile(), { name: 'a' })],
      ['a Date', new Date(0)],
      ['a Map', new Map([['name', 'a']])],
    ];
    const wrong = cases.filter(([, data]) => known(data)).map(([label]) => label);
    expect(wrong).toEqual([]);
  });

  it('is never true where checkKeys finds an issue (generated key sets)', () => {
    const keys = ['name', 'age', 'note', 'id', 'nope', '__proto__', 'constructor', 'Name', ''];
    const next = lcg(99);
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const json: string[] = [];
      for (let j = next() % 4; j > 0; j--) json.push(`"${keys[next() % keys.length]}":1`);
      const parsed = JSON.parse(`{${json.join(',')}}`);
      for (const data of [parsed, nullProto(parsed)]) {
        if (!known(data)) continue;
        accepted++;
        expect({ data: show(data), pass: keysPass(data) }).toEqual({
          data: show(data),
          pass: true,
        });
      }
    }
    expect(accepted).toBeGreaterThan(200);
  });
});

// ------------------------------------------------------------------ 5. end to end

@Model({ table: 'compiled_gated' })
class Gated {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ type: 'json', nullable: true }) options?: { strict: boolean } | null;
  @Field({ nullable: true })
  @ValidateIf((o: Gated) => o.options!.strict)
  @IsOptional()
  @IsString()
  label?: string | null;
}

describe('Manager.create with and without the compiled check', () => {
  const fastDb = new DatabaseRegistry({ url: 'sqlite::memory:' });
  const slowDb = new DatabaseRegistry({ url: 'sqlite::memory:' });
  for (const model of [Profile, Ledger, Mixed]) {
    fastDb.register(model);
    slowDb.register(model);
  }
  let accepted = 0;

  beforeAll(() => {
    for (const model of [Profile, Ledger, Mixed]) {
      validatorOf(slowDb, model).fast = undefined;
      const fast = validatorOf(fastDb, model).fast!;
      const accepts = fast.accepts;
      fast.accepts = (instance) => {
        const result = accepts(instance);
        if (result) accepted++;
        return result;
      };
    }
  });
  afterAll(async () => {
    await fastDb.dispose();
    await slowDb.dispose();
  });

  const profile = firstOrdinary('Profile');
  const ledger = firstOrdinary('Ledger');
  const without = (data: Record<string, unknown>, key: string) => {
    const copy = { ...data };
    delete copy[key];
    return copy;
  };

  it('stores exactly the same records for valid input, through the fast path', async () => {
    const valid: Array<[Function, Record<string, unknown>]> = [
      [Profile, profile],
      [Profile, { ...profile, note: null }],
      [Profile, without(profile, 'note')],
      [Profile, { ...profile, name: 'abcde', level: Level.High, color: Color.Green }],
      [Profile, { ...profile, name: '😀😀😀😀😀', tag: '😀😀😀😀' }],
      [Profile, Object.assign(Object.create(null), profile)],
      [Ledger, ledger],
      [Ledger, { ...ledger, amount: '12.50', data: [1, { b: 'c' }], ref: null }],
      [Ledger, { ...ledger, status: 'closed', reason: 'done', rank: 3 }],
      [Ledger, { ...ledger, at: '2024-01-02T03:04:05.000Z' }],
      [Mixed, firstOrdinary('Mixed')],
      [Mixed, { ...firstOrdinary('Mixed'), id: 2, maybe: 2.5, born: new Date(86400000) }],
    ];
    const before = accepted;
    for (const [model, data] of valid) {
      const m = model as typeof Profile;
      const fast = await asyncOutcomeOf(() => fastDb.manager(m).create(data as any), ['id']);
      const slow = await asyncOutcomeOf(() => slowDb.manager(m).create(data as any), ['id']);
      expect({ data: show(data), fast }).toEqual({ data: show(data), fast: slow });
      expect({ data: show(data), fast }).toMatchObject({ fast: { ok: true } });
    }
    expect(accepted - before).toBeGreaterThanOrEqual(9);
    for (const model of [Profile, Ledger, Mixed] as Function[]) {
      // uuid keys differ between the registries: compare the rows without them, in a fixed order
      const rows = async (db: DatabaseRegistry) =>
        (await db.manager(model as typeof Profile).all())
          .map((r) => {
            const row: Record<string, unknown> = { ...r };
            if (model === Ledger) delete row.id;
            return row;
          })
          .sort((a, b) => show(a).localeCompare(show(b)));
      const fastRows = await rows(fastDb);
      expect(fastRows).toEqual(await rows(slowDb));
      expect(fastRows.length).toBeGreaterThan(0);
    }
  });

  it('gives the identical error for invalid input', async () => {
    const invalid: Array<[string, Function, unknown]> = [
      ['a string for an integer', Profile, { ...profile, age: '42' }],
      ['a number for a string', Profile, { ...profile, name: 42 }],
      ['a string that is too long', Profile, { ...profile, name: 'abcdef' }],
      ['a column overflow in code points', Profile, { ...profile, tag: '😀😀😀😀😀' }],
      ['an optional string that is too long', Profile, { ...profile, note: 'abcd' }],
      ['NaN', Profile, { ...profile, score: NaN }],
      ['Infinity', Profile, { ...profile, score: Infinity }],
      ['-Infinity for a negative', Profile, { ...profile, debt: -Infinity }],
      ['too many decimals', Profile, { ...profile, price: 1.234 }],
      ['zero for a positive', Profile, { ...profile, price: 0 }],
      ['a string boolean', Profile, { ...profile, active: 'true' }],
      ['a bad email', Profile, { ...profile, email: 'a..b@example.com' }],
      ['a value outside IsIn', Profile, { ...profile, role: 'root' }],
      ['an enum key instead of its value', Profile, { ...profile, level: 'Low' }],
      ['an empty string for IsNotEmpty', Profile, { ...profile, code: '' }],
      ['an odd number for a custom rule', Profile, { ...profile, even: 3 }],
      ['a registerDecorator rule failing', Profile, { ...profile, triple: 4 }],
      ['a missing required field', Profile, without(profile, 'email')],
      ['null for a required field', Profile, { ...profile, age: null }],
      ['an unknown key', Profile, { ...profile, nope: 1 }],
      ['a constructor key', Profile, { ...profile, constructor: 1 }],
      ['an own __proto__ key', Profile, JSON.parse(`{"__proto__":1,"name":"a"}`)],
      ['several wrong fields at once', Profile, { ...profile, age: 1.5, name: '', score: '1' }],
      ['a given autoincrement key', Profile, { ...profile, id: 5 }],
      ['null as input', Profile, null],
      ['an array as input', Profile, [profile]],
      ['a string as input', Profile, 'profile'],
      ['a decimal that is not a number', Ledger, { ...ledger, amount: '12,50' }],
      ['an invalid date', Ledger, { ...ledger, at: new Date(NaN) }],
      ['a date string that is not a date', Ledger, { ...ledger, day: 'not a date' }],
      ['a function for JSON', Ledger, { ...ledger, data: () => 1 }],
      ['a bad uuid', Ledger, { ...ledger, ref: 'not-a-uuid' }],
      ['a reason missing when closed', Ledger, { ...ledger, status: 'closed' }],
      ['a value outside an enum column', Ledger, { ...ledger, status: 'pending' }],
      ['a fraction for bigint', Ledger, { ...ledger, big: 1.5 }],
      ['null for a non-nullable optional', Ledger, { ...ledger, rank: null }],
      ['a too-short excluded field', Ledger, { ...ledger, confirm: 'x' }],
      ['a missing IsDefined field', Ledger, without(ledger, 'big')],
      ['a too-long string by UTF-16 and rule', Mixed, { ...firstOrdinary('Mixed'), short: 'abc' }],
      ['a missing manual key', Mixed, without(firstOrdinary('Mixed'), 'id')],
      ['a too-short default override', Mixed, { ...firstOrdinary('Mixed'), remark: 'x' }],
    ];
    const differences: string[] = [];
    for (const [label, model, data] of invalid) {
      const m = model as typeof Profile;
      const fast = await asyncOutcomeOf(() => fastDb.manager(m).create(data as any));
      const slow = await asyncOutcomeOf(() => slowDb.manager(m).create(data as any));
      if (fast.ok) differences.push(`${label}: created with the fast path`);
      else if (slow.ok) differences.push(`${label}: created without the fast path`);
      try {
        expect(fast).toEqual(slow);
      } catch {
        differences.push(`${label}: ${show(fast)} vs ${show(slow)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('gives the same outcome when a ValidateIf condition throws on a value IsOptional skips', async () => {
    fastDb.register(Gated);
    slowDb.register(Gated);
    validatorOf(slowDb, Gated).fast = undefined;
    const data = { options: null };
    const fast = await asyncOutcomeOf(() => fastDb.manager(Gated).create(data), ['id']);
    const slow = await asyncOutcomeOf(() => slowDb.manager(Gated).create(data), ['id']);
    expect(fast).toEqual(slow);
  });

  it('reports every invalid input as a ValidationError with its issues', async () => {
    const error = await fastDb
      .manager(Profile)
      .create({ ...profile, age: 1.5, name: '' } as any)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    // storage issues first, then class-validator's
    expect((error as ValidationError).message).toBe('Profile: invalid age, name');
    expect((error as ValidationError).issues).toEqual([
      { field: 'age', messages: ['age must be an integer', 'age must be an integer number'] },
      { field: 'name', messages: ['name must be longer than or equal to 1 characters'] },
    ]);
  });
});
