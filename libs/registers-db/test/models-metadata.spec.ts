import 'reflect-metadata';
import {
  IsBoolean,
  IsDate,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import {
  ConfigurationError,
  Field,
  Model,
  ModelRegistrationError,
  getModelMetadata,
} from '@registers/db';
import { defaultTableName, snakeCase } from '../src/metadata/naming';

enum Role {
  Admin = 'admin',
  Member = 'member',
}
enum Level {
  Low = 1,
  High = 2,
}

@Model({ table: 'users', unique: ['email'] })
class User {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ index: true, length: 320 }) @IsEmail() email!: string;
  @Field() @IsString() @MaxLength(100) name!: string;
  @Field({ hashPassword: true }) @IsString() @MaxLength(64) password!: string;
  @Field({ foreignKey: 'teams.id', nullable: true }) @IsOptional() @IsInt() teamId?: number | null;
}

@Model()
class TodoItem {
  @Field() @IsInt() id!: number;
  @Field() @IsString() title!: string;
  @Field({ type: 'text' }) @IsString() body!: string;
  @IsNumber() score!: number;
  @IsBoolean() done!: boolean;
  @IsDate() dueAt!: Date;
  @Field() @IsEnum(Role) role!: Role;
  @Field() @IsEnum(Level) level!: Level;
  @IsIn(['red', 'green']) color!: string;
  @Field() tags!: string[];
  @Field() extra!: Record<string, unknown>;
  @Field() @Length(2, 10) code!: string;
  @Field() @IsOptional() @IsUUID() ref?: string | null;
  @Field({ precision: 10, scale: 3 }) amount!: number;
  @Field({ timezone: false }) @IsDate() localAt!: Date;
  @Field({ column: 'legacy_name' }) @IsString() nickName!: string;
  @Field({ excludeFromDb: true }) @IsString() confirm!: string;
  @Field({ encrypted: true }) @IsString() @MaxLength(20) secret!: string;
}

describe('model metadata', () => {
  it('names tables as the snake_case plural of the class name', () => {
    expect(defaultTableName('TodoItem')).toBe('todo_items');
    expect(defaultTableName('Category')).toBe('categories');
    expect(defaultTableName('Address')).toBe('addresses');
    expect(defaultTableName('Box')).toBe('boxes');
    expect(defaultTableName('Day')).toBe('days');
    expect(snakeCase('createdAt')).toBe('created_at');
    expect(snakeCase('HTTPServer')).toBe('http_server');
    expect(getModelMetadata(TodoItem).table).toBe('todo_items');
  });

  it('reads the spec example: key, unique, lengths, foreign key and nullability', () => {
    const meta = getModelMetadata(User);
    expect(meta).toMatchObject({
      name: 'User',
      table: 'users',
      key: 'id',
      autoCreate: true,
      unique: [['email']],
    });
    expect(meta.fields.map((f) => f.property)).toEqual([
      'id',
      'email',
      'name',
      'password',
      'teamId',
    ]);
    const f = meta.fieldsByProperty;
    expect(f.get('id')).toMatchObject({
      isKey: true,
      idStrategy: 'autoincrement',
      type: 'integer',
      nullable: false,
    });
    expect(f.get('email')).toMatchObject({
      type: 'string',
      length: 320,
      index: true,
      unique: true,
    });
    expect(f.get('name')).toMatchObject({ type: 'string', length: 100, nullable: false });
    expect(f.get('password')).toMatchObject({ type: 'string', hashPassword: true });
    expect(f.get('password')!.length).toBeGreaterThanOrEqual(255);
    expect(f.get('teamId')).toMatchObject({
      column: 'team_id',
      type: 'integer',
      nullable: true,
      foreignKey: { table: 'teams', column: 'id' },
    });
  });

  it('infers column types from design:type and class-validator rules', () => {
    const f = getModelMetadata(TodoItem).fieldsByProperty;
    expect(f.get('id')).toMatchObject({ type: 'integer', idStrategy: 'manual' });
    expect(f.get('title')).toMatchObject({ type: 'string', length: 255 });
    expect(f.get('body')).toMatchObject({ type: 'text', explicitType: 'text' });
    expect(f.get('score')!.type).toBe('double');
    expect(f.get('done')!.type).toBe('boolean');
    expect(f.get('dueAt')).toMatchObject({ type: 'datetime', timezone: true, column: 'due_at' });
    expect(f.get('role')).toMatchObject({ type: 'enum', enumValues: ['admin', 'member'] });
    expect(f.get('level')).toMatchObject({ type: 'enum', enumValues: [1, 2] });
    expect(f.get('color')).toMatchObject({ type: 'enum', enumValues: ['red', 'green'] });
    expect(f.get('tags')!.type).toBe('json');
    expect(f.get('extra')!.type).toBe('json');
    expect(f.get('code')).toMatchObject({ type: 'string', length: 10 });
    expect(f.get('ref')).toMatchObject({ type: 'uuid', nullable: true });
    expect(f.get('amount')).toMatchObject({ type: 'decimal', precision: 10, scale: 3 });
    expect(f.get('localAt')).toMatchObject({ type: 'datetime', timezone: false });
    expect(f.get('nickName')!.column).toBe('legacy_name');
    expect(f.get('secret')).toMatchObject({ type: 'text', encrypted: true });
  });

  it('stores validator-only properties in declaration order and leaves excludeFromDb fields out', () => {
    const meta = getModelMetadata(TodoItem);
    const props = meta.fields.map((f) => f.property);
    expect(props.slice(0, 9)).toEqual([
      'id',
      'title',
      'body',
      'score',
      'done',
      'dueAt',
      'role',
      'level',
      'color',
    ]);
    expect(props).not.toContain('confirm');
    expect(meta.fieldsByProperty.has('confirm')).toBe(false);
  });

  it('computes metadata once per class', () => {
    expect(getModelMetadata(User)).toBe(getModelMetadata(User));
  });

  it('keeps model flags and adds managed timestamp and soft-delete columns', () => {
    @Model({
      timestamps: true,
      softDelete: true,
      auditLog: true,
      tenantField: 'tenantId',
      autoCreate: false,
    })
    class Invoice {
      @Field({ id: 'uuid4' }) id?: string;
      @Field() @IsString() tenantId!: string;
    }
    const meta = getModelMetadata(Invoice);
    expect(meta).toMatchObject({
      timestamps: true,
      softDelete: true,
      auditLog: true,
      tenantField: 'tenantId',
      autoCreate: false,
    });
    expect(meta.fieldsByProperty.get('id')).toMatchObject({ type: 'uuid', idStrategy: 'uuid4' });
    expect(meta.fields.map((f) => f.column)).toEqual([
      'id',
      'tenant_id',
      'created_at',
      'updated_at',
      'deleted_at',
    ]);
    expect(meta.fieldsByProperty.get('deletedAt')).toMatchObject({
      type: 'datetime',
      nullable: true,
    });
    expect(meta.fieldsByProperty.get('createdAt')).toMatchObject({
      type: 'datetime',
      nullable: false,
    });
  });

  it('collects composite unique groups and field-level uniques', () => {
    @Model({ unique: [['org', 'slug']] })
    class Page {
      @Field() @IsInt() id!: number;
      @Field() @IsString() org!: string;
      @Field() @IsString() slug!: string;
      @Field({ unique: true }) @IsString() path!: string;
    }
    const meta = getModelMetadata(Page);
    expect(meta.unique).toEqual([['org', 'slug'], ['path']]);
    expect(meta.fieldsByProperty.get('org')!.unique).toBe(false);
    expect(meta.fieldsByProperty.get('path')!.unique).toBe(true);
  });

  it('inherits fields from a parent model class', () => {
    class Base {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsString() label!: string;
    }
    @Model({ table: 'children' })
    class Child extends Base {
      @Field() @IsInt() weight!: number;
    }
    expect(getModelMetadata(Child).fields.map((f) => f.property)).toEqual([
      'id',
      'label',
      'weight',
    ]);
  });
});

describe('bigint modes and sized numbers', () => {
  it('reads bigint columns by the property type, its number rules or bigintMode', () => {
    @Model()
    class Counter {
      @Field() @IsInt() id!: number;
      @Field({ type: 'bigint' }) ticks!: number;
      @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() nullableTicks?:
        number | null;
      @Field({ type: 'bigint' }) exact!: bigint;
      @Field({ type: 'bigint' }) text!: string;
      @Field({ type: 'bigint', bigintMode: 'bigint', nullable: true }) @IsOptional() chosen?:
        bigint | null;
    }
    const modes = Object.fromEntries(
      getModelMetadata(Counter)
        .fields.filter((f) => f.type === 'bigint')
        .map((f) => [f.property, f.bigintMode]),
    );
    expect(modes).toEqual({
      ticks: 'number',
      nullableTicks: 'number',
      exact: 'bigint',
      text: 'string',
      chosen: 'bigint',
    });
  });

  it('refuses an unknown bigintMode', () => {
    @Model()
    class Wrong {
      @Field() @IsInt() id!: number;
      @Field({ type: 'bigint', bigintMode: 'float' as any }) ticks!: number;
    }
    expect(() => getModelMetadata(Wrong)).toThrow(/bigintMode.*number, bigint, string.*'float'/);
  });

  it('makes a sized number a decimal even when its type is a union', () => {
    @Model()
    class Priced {
      @Field() @IsInt() id!: number;
      @Field({ precision: 10, scale: 3, nullable: true }) @IsOptional() price?: number | null;
    }
    expect(getModelMetadata(Priced).fieldsByProperty.get('price')).toMatchObject({
      type: 'decimal',
      precision: 10,
      scale: 3,
    });
  });
});

describe('model registration validation', () => {
  const errorOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error as Error & { context: Record<string, unknown> };
    }
    throw new Error('expected an error');
  };

  it('refuses a class without @Model()', () => {
    class Plain {
      @IsInt() id!: number;
    }
    const error = errorOf(() => getModelMetadata(Plain));
    expect(error).toBeInstanceOf(ModelRegistrationError);
    expect(error.message).toContain('Plain');
  });

  it('requires the key field to exist', () => {
    @Model({ key: 'code' })
    class Missing {
      @Field() @IsInt() id!: number;
    }
    const error = errorOf(() => getModelMetadata(Missing));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.context).toMatchObject({ model: 'Missing', field: 'code' });
  });

  it('requires unique fields to exist and not repeat', () => {
    @Model({ unique: ['ghost'] })
    class Ghost {
      @Field() @IsInt() id!: number;
    }
    @Model({ unique: [['name', 'name']] })
    class Twice {
      @Field() @IsInt() id!: number;
      @Field() @IsString() name!: string;
    }
    @Model({ unique: ['name', 'name'] })
    class Repeated {
      @Field() @IsInt() id!: number;
      @Field() @IsString() name!: string;
    }
    expect(errorOf(() => getModelMetadata(Ghost)).context).toMatchObject({
      model: 'Ghost',
      field: 'ghost',
    });
    expect(errorOf(() => getModelMetadata(Twice)).message).toMatch(/duplicates/);
    expect(errorOf(() => getModelMetadata(Repeated)).message).toMatch(/duplicates/);
  });

  it('allows autoincrement only on an optional integer key', () => {
    @Model()
    class StringAuto {
      @Field({ id: 'autoincrement' }) id?: string;
    }
    @Model()
    class DecimalAuto {
      @Field({ id: 'autoincrement', type: 'double' }) id?: number;
    }
    @Model()
    class NotOnKey {
      @Field() @IsInt() id!: number;
      @Field({ id: 'autoincrement' }) seq?: number;
    }
    expect(errorOf(() => getModelMetadata(StringAuto))).toBeInstanceOf(ConfigurationError);
    expect(errorOf(() => getModelMetadata(StringAuto)).context).toMatchObject({
      model: 'StringAuto',
      field: 'id',
    });
    expect(errorOf(() => getModelMetadata(DecimalAuto)).message).toMatch(/integer/);
    expect(errorOf(() => getModelMetadata(NotOnKey)).message).toMatch(/only allowed on the key/);
  });

  it('allows uuid4 only on an optional string key', () => {
    @Model()
    class NumberUuid {
      @Field({ id: 'uuid4' }) id?: number;
    }
    expect(errorOf(() => getModelMetadata(NumberUuid)).message).toMatch(/uuid4/);
  });

  it('asks for an id strategy when the key is optional', () => {
    @Model()
    class OptionalKey {
      @Field() @IsOptional() @IsInt() id?: number;
    }
    expect(errorOf(() => getModelMetadata(OptionalKey)).message).toMatch(/explicit id strategy/);
  });

  it('requires foreign keys written table.column and accepts surrounding spaces', () => {
    for (const foreignKey of ['users', 'users.', '', 'a.b.c', 'users.id; DROP']) {
      @Model({ table: 'sessions' })
      class Session {
        @Field() @IsInt() id!: number;
        @Field({ foreignKey }) @IsInt() userId!: number;
      }
      const error = errorOf(() => getModelMetadata(Session));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain('table.column');
      expect(error.context).toMatchObject({ model: 'Session', field: 'userId' });
    }
    @Model({ table: 'sessions' })
    class Spaced {
      @Field() @IsInt() id!: number;
      @Field({ foreignKey: '  users.id  ' }) @IsInt() userId!: number;
    }
    expect(getModelMetadata(Spaced).fieldsByProperty.get('userId')!.foreignKey).toEqual({
      table: 'users',
      column: 'id',
    });
  });

  it.each([
    'save',
    'delete',
    'refresh',
    'update',
    'related',
    'verifyPassword',
    'verifyAndUpgradePassword',
    'filter',
    'transaction',
    'beforeCreate',
  ])('refuses a field named %s because records or managers use that name', (name) => {
    const Bad = class {
      id!: number;
    };
    Field()(Bad.prototype, 'id');
    IsInt()(Bad.prototype, 'id');
    Field()(Bad.prototype, name);
    IsString()(Bad.prototype, name);
    Model({ table: 'bad' })(Bad);
    const error = errorOf(() => getModelMetadata(Bad));
    expect(error).toBeInstanceOf(ModelRegistrationError);
    expect(error.context).toMatchObject({ field: name });
  });

  it('refuses non-boolean flags, unknown types and unsafe identifiers', () => {
    @Model()
    class BadFlag {
      @Field() @IsInt() id!: number;
      @Field({ index: 'yes' as unknown as boolean }) @IsString() name!: string;
    }
    @Model()
    class BadType {
      @Field() @IsInt() id!: number;
      @Field({ type: 'geometry' }) shape!: string;
    }
    @Model({ table: 'users; drop table x' })
    class BadTable {
      @Field() @IsInt() id!: number;
    }
    @Model()
    class BadColumn {
      @Field() @IsInt() id!: number;
      @Field({ column: 'a"b' }) @IsString() name!: string;
    }
    expect(errorOf(() => getModelMetadata(BadFlag)).message).toMatch(/must be a boolean/);
    expect(errorOf(() => getModelMetadata(BadType)).message).toMatch(
      /unknown column type 'geometry'/,
    );
    expect(errorOf(() => getModelMetadata(BadTable))).toBeInstanceOf(ConfigurationError);
    expect(errorOf(() => getModelMetadata(BadColumn)).context).toMatchObject({ field: 'name' });
  });

  it('refuses hashPassword on a field that is not a string', () => {
    @Model()
    class Pin {
      @Field() @IsInt() id!: number;
      @Field({ hashPassword: true }) @IsInt() code!: number;
    }
    const error = errorOf(() => getModelMetadata(Pin));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.context).toMatchObject({ model: 'Pin', field: 'code' });
  });

  it('refuses a default that does not fit its column and accepts ones that do', () => {
    @Model()
    class BadNumber {
      @Field() @IsInt() id!: number;
      @Field({ default: 'many' }) @IsInt() quantity!: number;
    }
    @Model()
    class BadEnum {
      @Field() @IsInt() id!: number;
      @Field({ default: 'owner' }) @IsEnum(Role) role!: Role;
    }
    @Model()
    class Fine {
      @Field() @IsInt() id!: number;
      @Field({ default: 'member' }) @IsEnum(Role) role!: Role;
      @Field({ default: 0 }) @IsInt() quantity!: number;
      @Field({ default: false }) @IsBoolean() active!: boolean;
      @Field({ default: () => new Date() }) @IsDate() seenAt!: Date;
      @Field({ default: { a: 1 } }) settings!: Record<string, unknown>;
    }
    expect(errorOf(() => getModelMetadata(BadNumber)).context).toMatchObject({
      model: 'BadNumber',
      field: 'quantity',
    });
    expect(errorOf(() => getModelMetadata(BadEnum)).message).toMatch(/values: admin, member/);
    expect(getModelMetadata(Fine).fieldsByProperty.get('role')!.default).toBe('member');
  });

  it('indexes the tenant field', () => {
    @Model({ tenantField: 'org' })
    class Scoped {
      @Field() @IsInt() id!: number;
      @Field() @IsString() org!: string;
    }
    expect(getModelMetadata(Scoped).fieldsByProperty.get('org')!.index).toBe(true);
  });

  it('refuses two fields mapped to the same column and a tenantField that is not a field', () => {
    @Model()
    class SameColumn {
      @Field() @IsInt() id!: number;
      @Field({ column: 'x' }) @IsString() a!: string;
      @Field({ column: 'x' }) @IsString() b!: string;
    }
    @Model({ tenantField: 'org' })
    class NoTenant {
      @Field() @IsInt() id!: number;
    }
    expect(errorOf(() => getModelMetadata(SameColumn)).message).toMatch(/both map to column 'x'/);
    expect(errorOf(() => getModelMetadata(NoTenant)).context).toMatchObject({ field: 'org' });
  });
});
