import 'reflect-metadata';
import { IsBoolean, IsInt, IsNumber, IsString } from 'class-validator';
import {
  DatabaseConnection,
  Field,
  Model,
  ModelSchema,
  constraintName,
  getModelMetadata,
} from '@registers/db';
import { cloneModelMetadata } from '../src/metadata/model-metadata.factory';
import { describeEachDialect } from '../../../test/support/dialects';

const TRICKY = "it's a \\ back'slash -- ; DROP TABLE x";

@Model({ table: 'defaults_things' })
class Thing {
  @Field({ id: 'autoincrement', type: 'bigint' }) id?: number;
  @Field({ default: TRICKY }) @IsString() label!: string;
  @Field({ default: 7 }) @IsInt() amount!: number;
  @Field({ default: 2.5 }) @IsNumber() ratio!: number;
  @Field({ default: false }) @IsBoolean() flag!: boolean;
  @Field({ default: () => 'computed in the app' }) @IsString() note!: string;
}

const LONG = 'a_really_long_table_name_that_goes_on_and_on_and_on_x';

@Model({ table: LONG, unique: [['firstVeryLongColumnName', 'secondVeryLongColumnName']] })
class Long {
  @Field() @IsInt() id!: number;
  @Field({ index: true }) @IsString() firstVeryLongColumnName!: string;
  @Field() @IsString() secondVeryLongColumnName!: string;
}

describe('constraint names', () => {
  it('follow <table>_<columns>_<kind> and stay within 63 characters with a stable hash', () => {
    expect(constraintName('users', ['email'], 'key')).toBe('users_email_key');
    expect(constraintName('posts', ['author_id'], 'fkey')).toBe('posts_author_id_fkey');
    const long = constraintName(
      LONG,
      ['first_very_long_column_name', 'second_very_long_column_name'],
      'key',
    );
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith('_key')).toBe(true);
    expect(
      constraintName(LONG, ['first_very_long_column_name', 'second_very_long_column_name'], 'key'),
    ).toBe(long);
    expect(constraintName(LONG, ['first_very_long_column_name', 'other'], 'key')).not.toBe(long);
  });
});

describeEachDialect('column defaults and long names', (target) => {
  let connection: DatabaseConnection;
  beforeAll(() => {
    connection = new DatabaseConnection({ url: target().url });
  });
  afterAll(() => connection.close());

  it('writes literal defaults safely quoted and leaves function defaults to the application', async () => {
    const schema = new ModelSchema(cloneModelMetadata(getModelMetadata(Thing)), connection);
    await schema.createSchema();
    await connection.execute(
      connection.dialect === 'postgres'
        ? 'INSERT INTO defaults_things (note) VALUES ($1)'
        : 'INSERT INTO defaults_things (note) VALUES (?)',
      ['given'],
    );
    const [row] = await connection.query<Record<string, unknown>>(
      'SELECT id, label, amount, ratio, flag, note FROM defaults_things',
    );
    expect(row.label).toBe(TRICKY);
    expect(Number(row.amount)).toBe(7);
    expect(Number(row.ratio)).toBe(2.5);
    expect(row.flag === false || Number(row.flag) === 0).toBe(true);
    expect(row.note).toBe('given');
    expect(Number(row.id)).toBe(1);
    expect(await connection.query('SELECT id FROM defaults_things')).toHaveLength(1);
    expect((await schema.schemaDiff()).ok).toBe(true);
  });

  it('creates tables whose constraint names would exceed the identifier limit', async () => {
    const schema = new ModelSchema(cloneModelMetadata(getModelMetadata(Long)), connection);
    expect(await schema.createSchema()).toBe(true);
    expect((await schema.schemaDiff()).ok).toBe(true);
  });
});
