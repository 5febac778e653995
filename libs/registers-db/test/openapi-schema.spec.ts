import 'reflect-metadata';
import { DatabaseRegistry } from '../src/registry';
import { addModelSchemas, modelSchema, modelSchemas } from '../src/swagger';
import { validateOpenApi } from './support/validate-openapi';
import { API_MODELS, ApiMember, ApiNote, ApiProduct, ApiTag } from './support/api-models';

describe('modelSchema: OpenAPI from @Field metadata and class-validator rules', () => {
  const product = modelSchema(ApiProduct);

  it('types integers as int32 within their bounds and @Min/@Max', () => {
    expect(product.properties.stock).toEqual({
      type: 'integer',
      format: 'int32',
      minimum: 0,
      maximum: 1000,
      nullable: true,
    });
    expect(product.properties.id).toMatchObject({
      type: 'integer',
      format: 'int32',
      minimum: -2147483648,
      maximum: 2147483647,
      readOnly: true,
    });
  });

  it('bounds decimals by precision and scale, and strings by their rules', () => {
    expect(product.properties.price).toMatchObject({
      type: 'number',
      minimum: 0,
      maximum: 99999999.99,
    });
    expect(product.properties.name).toEqual({ type: 'string', minLength: 1, maxLength: 60 });
    expect(modelSchema(ApiTag).properties.label).toEqual({
      type: 'string',
      minLength: 2,
      maxLength: 40,
    });
  });

  it('documents enums, booleans, bigints, days, date-times and formats', () => {
    expect(product.properties.status).toEqual({ type: 'string', enum: ['draft', 'live'] });
    expect(product.properties.featured).toEqual({ type: 'boolean' });
    expect(product.properties.views).toMatchObject({
      type: 'string',
      format: 'int64',
      nullable: true,
    });
    expect(product.properties.launchedOn).toEqual({
      type: 'string',
      format: 'date',
      nullable: true,
    });
    expect(product.properties.createdAt).toMatchObject({
      type: 'string',
      format: 'date-time',
      readOnly: true,
    });
    const member = modelSchema(ApiMember);
    expect(member.properties.email).toEqual({ type: 'string', format: 'email', maxLength: 320 });
    expect(member.properties.id).toMatchObject({ type: 'string', format: 'uuid', readOnly: true });
  });

  it('lists required properties: no @IsOptional, not server-managed', () => {
    expect(product.required).toEqual(['name', 'price', 'status', 'featured']);
    expect(modelSchema(ApiProduct, 'create').required).toEqual([
      'name',
      'price',
      'status',
      'featured',
    ]);
    expect(modelSchema(ApiProduct, 'update').required).toBeUndefined();
  });

  it('makes passwords write-only input and leaves secrets out of views', () => {
    const member = modelSchema(ApiMember);
    expect(member.properties.password).toEqual({
      type: 'string',
      minLength: 8,
      format: 'password',
      writeOnly: true,
    });
    expect(member.properties.phone.writeOnly).toBe(true);
    expect(modelSchema(ApiMember, 'create').properties.password.writeOnly).toBe(true);
    const view = modelSchema(ApiMember, 'view');
    expect(Object.keys(view.properties)).toEqual(['id', 'email']);
  });

  it('keeps managed fields out of create and the key out of update', () => {
    expect(Object.keys(modelSchema(ApiProduct, 'create').properties)).toEqual([
      'name',
      'price',
      'stock',
      'status',
      'featured',
      'views',
      'launchedOn',
      'notes',
    ]);
    expect(Object.keys(modelSchema(ApiTag, 'create').properties)).toEqual(['code', 'label']);
    expect(Object.keys(modelSchema(ApiTag, 'update').properties)).toEqual(['label']);
    expect(Object.keys(modelSchema(ApiMember, 'create').properties)).toEqual([
      'email',
      'password',
      'phone',
      'invitation',
    ]);
    expect(Object.keys(modelSchema(ApiProduct, 'view').properties)).toContain('deletedAt');
  });

  it('names every model in modelSchemas', () => {
    expect(Object.keys(modelSchemas(API_MODELS))).toEqual([
      'ApiProduct',
      'ApiMember',
      'ApiTag',
      'ApiNote',
    ]);
    expect(modelSchema(ApiNote, 'create').properties).not.toHaveProperty('orgId');
    expect(modelSchema(ApiNote).properties.orgId.readOnly).toBe(true);
  });

  it('adds every registered model to a document, which stays valid', async () => {
    // Registering opens no database.
    const registry = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(ApiProduct, ApiTag);
    const kept = { type: 'object' as const, properties: {} };
    const document = addModelSchemas(
      {
        openapi: '3.0.0',
        info: { title: 'models', version: '1' },
        paths: {},
        components: { schemas: { ApiTag: kept } as Record<string, unknown> },
      },
      registry,
    );
    expect(document.components.schemas.ApiProduct).toEqual(modelSchema(ApiProduct));
    expect(document.components.schemas.ApiTag).toBe(kept);
    expect(Object.keys(document.components.schemas)).toEqual(['ApiTag', 'ApiProduct']);
    expect(await validateOpenApi(document)).toBe('valid');
    await registry.dispose();
  });
});
