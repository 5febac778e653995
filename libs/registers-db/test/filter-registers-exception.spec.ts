import {
  ArgumentsHost,
  Controller,
  Get,
  INestApplication,
  Logger,
  Param,
  UseFilters,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  ConfigurationError,
  DuplicateKeyError,
  ForeignKeyViolationError,
  ImmutableFieldError,
  InvalidPrimaryKeyAssignmentError,
  InvalidQueryError,
  MigrationError,
  NotNullViolationError,
  RecordNotFoundError,
  RegistryError,
  SchemaError,
  UniqueConstraintError,
  ValidationError,
} from '../src/errors';
import { RegistersExceptionFilter } from '../src/filters';
import { DecryptionError } from '../src/security';

const SECRET_HASH = 'pbkdf2_sha256$600000$00112233445566778899aabbccddeeff$' + 'ab'.repeat(32);
const DRIVER_MESSAGE = 'SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: users.email';
const SQL = 'INSERT INTO "users" ("email", "password") VALUES ($1, $2)';

function driverError(): Error {
  return Object.assign(new Error(DRIVER_MESSAGE), { code: 'SQLITE_CONSTRAINT_UNIQUE', sql: SQL });
}

const ERRORS: Record<string, () => Error> = {
  notFound: () =>
    new RecordNotFoundError('User 42 was not found.', { model: 'User', operation: 'get', key: 42 }),
  unique: () =>
    new UniqueConstraintError(
      'A User with this email already exists.',
      {
        model: 'User',
        table: 'users',
        operation: 'create',
        fields: ['email'],
        constraint: 'uq_users_email',
        password: SECRET_HASH,
      },
      { cause: driverError() },
    ),
  duplicateKey: () =>
    new DuplicateKeyError('A User with id 7 already exists.', {
      model: 'User',
      operation: 'create',
      fields: ['id'],
    }),
  foreignKey: () =>
    new ForeignKeyViolationError('Order.customerId refers to a Customer that does not exist.', {
      model: 'Order',
      operation: 'create',
      field: 'customerId',
    }),
  validation: () =>
    new ValidationError(
      'User is invalid: email, age.',
      [
        { field: 'email', messages: ['email must be an email'] },
        {
          field: 'age',
          messages: ['age must not be less than 0', 'age must be an integer number'],
        },
      ],
      { model: 'User', operation: 'create', rowIndex: 3 },
    ),
  invalidQuery: () =>
    new InvalidQueryError('Unknown field "nope" in where.', {
      model: 'User',
      operation: 'filter',
      field: 'nope',
      operator: 'eq',
    }),
  primaryKey: () =>
    new InvalidPrimaryKeyAssignmentError('User.id is assigned by the database.', {
      model: 'User',
      field: 'id',
    }),
  immutable: () =>
    new ImmutableFieldError('User.createdAt cannot be changed.', {
      model: 'User',
      field: 'createdAt',
    }),
  schema: () =>
    new SchemaError(
      `Could not create table users: ${SQL}`,
      { table: 'users' },
      { cause: driverError() },
    ),
  configuration: () =>
    new ConfigurationError('REGISTERS_DATABASE_URL has an unknown scheme.', {
      url: 'oracle://admin:hunter2@db',
    }),
  migration: () =>
    new MigrationError('Schema drift: users.nickname is missing.', { table: 'users' }),
  notNull: () =>
    new NotNullViolationError(`NOT NULL constraint failed: ${SQL}`, {
      table: 'users',
      field: 'email',
    }),
  decryption: () =>
    new DecryptionError('The stored value could not be decrypted.', { operation: 'decrypt' }),
  plainRegistry: () => new RegistryError('Something internal happened.', { secret: SECRET_HASH }),
  uniqueWithDriverMessage: () =>
    new UniqueConstraintError(DRIVER_MESSAGE, { model: 'User', fields: ['email'] }),
  notFoundWithSql: () =>
    new RecordNotFoundError(`No row for SELECT * FROM users WHERE id = 1`, { model: 'User' }),
  notRegistry: () => new Error('plain error, not for this filter'),
};

@Controller('errors')
class ThrowingController {
  @Get(':kind')
  throwIt(@Param('kind') kind: string): never {
    throw ERRORS[kind]();
  }
}

@Controller('scoped')
@UseFilters(RegistersExceptionFilter)
class ScopedController {
  @Get()
  throwIt(): never {
    throw ERRORS.notFound();
  }
}

async function appWithFilterProvider(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [ThrowingController],
    providers: [{ provide: APP_FILTER, useClass: RegistersExceptionFilter }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** Everything a client could see of a response. */
function exposed(res: request.Response): string {
  return JSON.stringify({ body: res.body, text: res.text, headers: res.headers });
}

function expectNothingLeaked(res: request.Response): void {
  const seen = exposed(res);
  for (const leak of [
    SECRET_HASH,
    SQL,
    'INSERT INTO',
    'SQLITE_',
    'hunter2',
    'uq_users_email',
    '"table"',
    'stack',
    ' at ',
  ]) {
    expect(seen).not.toContain(leak);
  }
}

describe('RegistersExceptionFilter as an APP_FILTER provider', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appWithFilterProvider();
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (kind: string) => request(app.getHttpServer()).get(`/errors/${kind}`);

  it('answers RecordNotFoundError with 404, its type, message and safe context', async () => {
    const res = await get('notFound').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'RecordNotFoundError',
      message: 'User 42 was not found.',
      context: { model: 'User', operation: 'get' },
    });
  });

  it.each([
    ['UniqueConstraintError', 'unique', { model: 'User', operation: 'create', fields: ['email'] }],
    ['DuplicateKeyError', 'duplicateKey', { model: 'User', operation: 'create', fields: ['id'] }],
    [
      'ForeignKeyViolationError',
      'foreignKey',
      { model: 'Order', operation: 'create', field: 'customerId' },
    ],
  ])('answers %s with 409', async (type, kind, context) => {
    const res = await get(kind).expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: type,
      message: ERRORS[kind]().message,
      context,
    });
    expectNothingLeaked(res);
  });

  it('answers ValidationError with 400 and the messages of each failed field', async () => {
    const res = await get('validation').expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'ValidationError',
      message: 'User is invalid: email, age.',
      context: {
        model: 'User',
        operation: 'create',
        rowIndex: 3,
        fields: ['email', 'age'],
        issues: [
          { field: 'email', messages: ['email must be an email'] },
          {
            field: 'age',
            messages: ['age must not be less than 0', 'age must be an integer number'],
          },
        ],
      },
    });
  });

  it.each([
    [
      'InvalidQueryError',
      'invalidQuery',
      { model: 'User', operation: 'filter', field: 'nope', operator: 'eq' },
    ],
    ['InvalidPrimaryKeyAssignmentError', 'primaryKey', { model: 'User', field: 'id' }],
    ['ImmutableFieldError', 'immutable', { model: 'User', field: 'createdAt' }],
  ])('answers %s with 400', async (type, kind, context) => {
    const res = await get(kind).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: type,
      message: ERRORS[kind]().message,
      context,
    });
  });

  it.each([
    ['SchemaError carrying SQL and a driver cause', 'schema'],
    ['ConfigurationError carrying a connection URL', 'configuration'],
    ['MigrationError', 'migration'],
    ['NotNullViolationError', 'notNull'],
    ['DecryptionError', 'decryption'],
    ['a bare RegistryError with a secret in its context', 'plainRegistry'],
  ])('answers %s with a generic 500 that names no internals', async (_label, kind) => {
    const res = await get(kind).expect(500);
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'InternalServerError',
      message: 'Internal server error',
    });
    expect(exposed(res)).not.toContain(ERRORS[kind]().message);
    expectNothingLeaked(res);
  });

  it('never puts the table, constraint, cause or an unknown context key of a 409 on the wire', async () => {
    const res = await get('unique').expect(409);
    expect(Object.keys(res.body.context).sort()).toEqual(['fields', 'model', 'operation']);
    expectNothingLeaked(res);
  });

  it('replaces a 409 message that is a raw driver message with a generic one', async () => {
    const res = await get('uniqueWithDriverMessage').expect(409);
    expect(res.body.message).toBe('The request conflicts with existing data.');
    expectNothingLeaked(res);
  });

  it('replaces a 404 message that carries SQL with a generic one', async () => {
    const res = await get('notFoundWithSql').expect(404);
    expect(res.body.message).toBe('The record was not found.');
    expect(exposed(res)).not.toContain('SELECT');
  });

  it('leaves errors that are not RegistryErrors to Nest (its own generic 500)', async () => {
    const res = await get('notRegistry').expect(500);
    expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});

describe('RegistersExceptionFilter without dependency injection', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ThrowingController, ScopedController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });

  it('works as a controller-scoped @UseFilters filter', async () => {
    const res = await request(app.getHttpServer()).get('/scoped').expect(404);
    expect(res.body.error).toBe('RecordNotFoundError');
  });

  it('is not active on routes it was not applied to', async () => {
    const res = await request(app.getHttpServer()).get('/errors/notFound').expect(500);
    expect(res.body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});

describe('RegistersExceptionFilter through app.useGlobalFilters', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ThrowingController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new RegistersExceptionFilter());
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers with the same bodies when constructed by hand', async () => {
    const res = await request(app.getHttpServer()).get('/errors/validation').expect(400);
    expect(res.body.context.issues).toHaveLength(2);
    const internal = await request(app.getHttpServer()).get('/errors/schema').expect(500);
    expect(internal.body).toEqual({
      statusCode: 500,
      error: 'InternalServerError',
      message: 'Internal server error',
    });
  });
});

describe('RegistersExceptionFilter outside HTTP and on the server side', () => {
  it('rethrows the error untouched in a non-HTTP context', () => {
    const error = ERRORS.notFound();
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    expect(() => new RegistersExceptionFilter().catch(error as RegistryError, host)).toThrow(error);
  });

  it('logs a 500 on the server with the error type and message, never the context values', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const moduleRef = await Test.createTestingModule({
      controllers: [ThrowingController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new RegistersExceptionFilter());
    await app.init();
    try {
      await request(app.getHttpServer()).get('/errors/plainRegistry').expect(500);
      await request(app.getHttpServer()).get('/errors/notFound').expect(404);
      expect(logged).toHaveBeenCalledTimes(1);
      const [message] = logged.mock.calls[0] as unknown[];
      expect(message).toBe('RegistryError: Something internal happened.');
      expect(JSON.stringify(logged.mock.calls)).not.toContain(SECRET_HASH);
    } finally {
      logged.mockRestore();
      await app.close();
    }
  });
});
