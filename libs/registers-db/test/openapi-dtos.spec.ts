import 'reflect-metadata';
import { Body, Controller, INestApplication, Post, Type, ValidationPipe } from '@nestjs/common';
import {
  ApiBody,
  IntersectionType,
  OmitType,
  PartialType,
  PickType,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { getMetadataStorage, validateSync } from 'class-validator';
import { CreateDto, modelSchema, UpdateDto, ViewDto } from '../src/swagger';
import type { DtoKind } from '../src/swagger';
import { API_MODELS, ApiMember, ApiProduct, ApiTag } from './support/api-models';
import { componentSchema, openApiDocument } from './support/openapi-document';

/** The class-validator rules of a class, per property, as comparable records. */
function rulesOf(target: Function): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const list = rules.get(m.propertyName) ?? [];
    list.push(JSON.stringify([m.name ?? m.type, m.type, m.constraints ?? [], Boolean(m.each)]));
    rules.set(m.propertyName, list);
  }
  return rules;
}

const DERIVED: Array<[Exclude<DtoKind, 'model'>, (m: any) => any]> = [
  ['create', CreateDto],
  ['update', UpdateDto],
  ['view', ViewDto],
];

const PartialProductName = PartialType(
  PickType(CreateDto(ApiProduct), ['name', 'price'] as never[]),
);
const ProductWithoutNotes = OmitType(CreateDto(ApiProduct), ['notes'] as never[]);
const TagAndMember = IntersectionType(
  CreateDto(ApiTag),
  PickType(CreateDto(ApiMember), ['email'] as never[]),
);

@Controller('dto')
class DtoController {
  @Post('composed')
  @ApiBody({ type: PartialProductName })
  composed(@Body() _a: InstanceType<typeof PartialProductName>) {}
  @Post('omitted')
  @ApiBody({ type: ProductWithoutNotes })
  omitted(@Body() _b: InstanceType<typeof ProductWithoutNotes>) {}
  @Post('both')
  @ApiBody({ type: TagAndMember })
  both(@Body() _c: InstanceType<typeof TagAndMember>) {}
}
for (const model of API_MODELS) {
  for (const [kind, derive] of DERIVED) {
    const dto = derive(model);
    const method = `${kind}${model.name}`;
    (DtoController.prototype as any)[method] = () => undefined;
    const descriptor = Object.getOwnPropertyDescriptor(DtoController.prototype, method)!;
    Body()(DtoController.prototype, method, 0);
    Reflect.defineMetadata('design:paramtypes', [dto], DtoController.prototype, method);
    ApiBody({ type: dto })(DtoController.prototype, method, descriptor);
    Post(method)(DtoController.prototype, method, descriptor);
  }
}

describe('CreateDto, UpdateDto and ViewDto', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [DtoController] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
    document = openApiDocument(app);
  });
  afterAll(() => app.close());

  describe.each(API_MODELS.map((m) => [m.name, m] as const))('%s', (_name, model) => {
    it.each(DERIVED)(
      '%s carries every class-validator rule of the model property',
      (kind, derive) => {
        const dto = derive(model);
        const modelRules = rulesOf(model);
        const dtoRules = rulesOf(dto);
        const properties = Object.keys(modelSchema(model, kind).properties);
        expect([...dtoRules.keys()].sort()).toEqual(
          [...properties].filter((p) => dtoRules.has(p)).sort(),
        );
        for (const property of properties) {
          for (const rule of modelRules.get(property) ?? [])
            expect(dtoRules.get(property)).toContain(rule);
        }
      },
    );

    it.each(DERIVED)('%s is documented with the model schema of that shape', (kind, derive) => {
      const expected = modelSchema(model, kind);
      const documented = componentSchema(document, derive(model).name);
      expect(Object.keys(documented.properties)).toEqual(Object.keys(expected.properties));
      for (const [property, schema] of Object.entries(expected.properties))
        expect(documented.properties[property]).toMatchObject(schema);
      expect(documented.required ?? []).toEqual(expected.required ?? []);
    });
  });

  it('names the classes after the model', () => {
    expect([
      CreateDto(ApiProduct).name,
      UpdateDto(ApiProduct).name,
      ViewDto(ApiProduct).name,
    ]).toEqual(['CreateApiProductDto', 'UpdateApiProductDto', 'ApiProductView']);
    expect(CreateDto(ApiProduct)).toBe(CreateDto(ApiProduct));
  });

  const pipe = (dto: Type<unknown>) =>
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      expectedType: dto,
    });
  const check = (dto: Type<unknown>, body: object) =>
    pipe(dto)
      .transform(body, { type: 'body', metatype: dto as never })
      .then(
        () => 'accepted',
        (e) => JSON.stringify(e.getResponse().message),
      );

  const validProduct = { name: 'Tea', price: 4.5, status: 'live', featured: true };

  it('validates a create body like the model, plus the column rules', async () => {
    const dto = CreateDto(ApiProduct);
    expect(await check(dto, validProduct)).toBe('accepted');
    expect(await check(dto, { ...validProduct, name: 'x'.repeat(61) })).toMatch(/name/);
    expect(await check(dto, { ...validProduct, stock: 1.5 })).toMatch(/stock/);
    expect(await check(dto, { ...validProduct, status: 'gone' })).toMatch(/status/);
    expect(await check(dto, { ...validProduct, price: 1.234 })).toMatch(/price/);
    expect(await check(dto, { ...validProduct, name: 'a\u0000b' })).toMatch(/name/);
    expect(await check(dto, { ...validProduct, launchedOn: '2024-02-30' })).toMatch(/launchedOn/);
    expect(await check(dto, { ...validProduct, id: 5 })).toMatch(/id should not exist/);
    expect(await check(dto, { ...validProduct, createdAt: '2024-01-01T00:00:00Z' })).toMatch(
      /createdAt/,
    );
    const { name: _n, ...withoutName } = validProduct;
    expect(await check(dto, withoutName)).toMatch(/name/);
  });

  it('refuses on the DTO exactly what the model refuses (same rules, same messages)', () => {
    const body = { name: '', price: -1, status: 'gone', featured: 'yes' };
    const messages = (target: Function) =>
      validateSync(Object.assign(Object.create(target.prototype), body), {
        forbidUnknownValues: false,
      })
        .filter((e) => e.property in body)
        .map((e) => [
          e.property,
          Object.keys(e.constraints ?? {})
            .filter((c) => c !== 'registersStorableValue')
            .sort(),
        ]);
    expect(messages(CreateDto(ApiProduct))).toEqual(messages(ApiProduct));
    expect(messages(CreateDto(ApiProduct)).length).toBe(4);
  });

  it('makes every update property optional but keeps its rules', async () => {
    const dto = UpdateDto(ApiProduct);
    expect(await check(dto, {})).toBe('accepted');
    expect(await check(dto, { price: 2 })).toBe('accepted');
    expect(await check(dto, { price: -2 })).toMatch(/price/);
    expect(await check(UpdateDto(ApiTag), { code: 'x' })).toMatch(/code should not exist/);
  });

  it('works as the base of a declared class', async () => {
    class RenameProductDto extends PickType(CreateDto(ApiProduct), ['name'] as never[]) {}
    expect(await check(RenameProductDto, { name: 'Tea' })).toBe('accepted');
    expect(await check(RenameProductDto, { name: '' })).toMatch(/name/);
    expect(await check(RenameProductDto, { name: 'Tea', price: 1 })).toMatch(
      /price should not exist/,
    );
  });

  it('composes with PickType, OmitType, PartialType and IntersectionType', async () => {
    expect(await check(PartialProductName, {})).toBe('accepted');
    expect(await check(PartialProductName, { name: 'x'.repeat(61) })).toMatch(/name/);
    expect(await check(PartialProductName, { status: 'live' })).toMatch(/status should not exist/);
    expect(await check(ProductWithoutNotes, { ...validProduct, notes: 'n' })).toMatch(
      /notes should not exist/,
    );
    expect(await check(TagAndMember, { code: 'c', label: 'ab', email: 'nope' })).toMatch(/email/);
    expect(await check(TagAndMember, { code: 'c', label: 'ab', email: 'a@example.com' })).toBe(
      'accepted',
    );
    const composed = componentSchema(document, PartialProductName.name);
    expect(composed.properties.name).toMatchObject({ maxLength: 60, minLength: 1 });
    expect(composed.required).toBeUndefined();
    const both = componentSchema(document, TagAndMember.name);
    expect(Object.keys(both.properties)).toEqual(['code', 'label', 'email']);
    expect(both.properties.email).toMatchObject({ format: 'email' });
  });
});
