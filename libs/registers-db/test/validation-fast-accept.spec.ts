import { IsEmail } from 'class-validator';
import isEmail from 'validator/lib/isEmail';
import { DatabaseRegistry, Field, Model, ValidationError } from '../src';
import { fastAcceptFor } from '../src/validation/fast-accept';

const EMAIL_MESSAGE = '$property must be an email';
const plainEmail = fastAcceptFor('isEmail', [undefined], EMAIL_MESSAGE)!;

/** A small deterministic generator (no flaky randomness). */
function* strings(count: number, seed = 42): Generator<string> {
  const alphabet = 'aZ09._+-@@..--_%!#"\' éü日\u0000xn';
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < count; i++) {
    const length = 1 + (next() % 40);
    let s = '';
    for (let j = 0; j < length; j++) s += alphabet[next() % alphabet.length];
    yield s;
  }
}

describe('the fast email check', () => {
  it('applies only to @IsEmail with default options', () => {
    expect(fastAcceptFor('isEmail', [undefined], EMAIL_MESSAGE)).toBeDefined();
    expect(fastAcceptFor('isEmail', [{ allow_display_name: true }], EMAIL_MESSAGE)).toBeUndefined();
    expect(fastAcceptFor('isString', [], '$property must be a string')).toBeUndefined();
  });

  it('leaves alone a custom rule that only borrows the name isEmail', () => {
    expect(
      fastAcceptFor('isEmail', [undefined], '$property must be a company address'),
    ).toBeUndefined();
    expect(fastAcceptFor('isEmail', [undefined], undefined)).toBeUndefined();
  });

  it('accepts the everyday addresses it exists for', () => {
    for (const email of [
      'user1@bench.example.com',
      'Ada.Lovelace+news@Example.ORG',
      'a_b-c@x-y.io',
    ]) {
      expect(plainEmail(email)).toBe(true);
    }
  });

  it('never accepts what isEmail rejects (hand-picked edge cases)', () => {
    const edges = [
      'a..b@example.com',
      '.a@example.com',
      'a.@example.com',
      'a@-example.com',
      'a@example-.com',
      'a@example.c',
      'a@example.123',
      'a@example',
      '@example.com',
      'a@',
      `${'a'.repeat(65)}@example.com`,
      `a@${'b'.repeat(64)}.com`,
      `a@${'b.'.repeat(130)}com`,
      'a@exa_mple.com',
      'a b@example.com',
      'a@example.com.',
      'a@@example.com',
      '"a"@example.com',
      'ü@example.com',
      'a@日本.jp',
    ];
    for (const email of edges) {
      if (plainEmail(email))
        expect({ email, isEmail: isEmail(email) }).toEqual({ email, isEmail: true });
    }
    expect(edges.filter((e) => plainEmail(e))).toEqual([]);
  });

  it('never accepts what isEmail rejects (20,000 generated strings)', () => {
    const wrong: string[] = [];
    let accepted = 0;
    for (const s of strings(20_000)) {
      for (const candidate of [s, `${s}@example.com`, `user@${s}.com`, `${s}@${s}.io`]) {
        if (plainEmail(candidate)) {
          accepted++;
          if (!isEmail(candidate)) wrong.push(candidate);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(accepted).toBeGreaterThan(100);
  });
});

@Model({ table: 'fast_accept_people' })
class Person {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 320 }) @IsEmail() email!: string;
}

describe('managers with a fast-checked rule', () => {
  const db = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(Person);
  const people = db.manager(Person);
  afterAll(() => db.dispose());

  it('store plain addresses and still accept the unusual ones isEmail allows', async () => {
    await people.bulkCreate([{ email: 'user1@example.com' }, { email: "o'brien!#@example.com" }]);
    expect((await people.all({ orderBy: 'id' })).map((p) => p.email)).toEqual([
      'user1@example.com',
      "o'brien!#@example.com",
    ]);
  });

  it('reject a bad address with class-validator’s own message and write nothing', async () => {
    const before = await people.count();
    const error = await people
      .bulkCreate([{ email: 'ok@example.com' }, { email: 'a..b@example.com' }])
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.context.rowIndex).toBe(1);
    expect(JSON.stringify(error.issues)).toContain('email must be an email');
    expect(await people.count()).toBe(before);
  });
});
