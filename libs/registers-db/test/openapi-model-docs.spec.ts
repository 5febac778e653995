import 'reflect-metadata';
import { Body, Controller, INestApplication, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiProperty, PickType } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { IsNumber, Max, Min } from 'class-validator';
import { Field, Model } from '../src/decorators';
import { CreateDto, UpdateDto, ViewDto } from '../src/swagger';
import { componentSchema, openApiDocument } from './support/openapi-document';

/** A model that documents its fields with its own `@ApiProperty`. */
@Model({ table: 'doc_parcels' })
class DocParcel {
  @Field({ id: 'autoincrement' }) id?: number;

  @Field({ type: 'decimal', precision: 8, scale: 2 })
  @IsNumber()
  @Min(0)
  @Max(500)
  // The bounds and the type written here are not the rules: the derived schema keeps its own.
  @ApiProperty({
    description: 'Weight in kilograms.',
    example: 2.5,
    minimum: 7,
    type: 'string',
    ...({ 'x-unit': 'kg' } as Record<string, unknown>),
  })
  weight!: number;
}

const Weight = PickType(CreateDto(DocParcel), ['weight'] as never[]);

@Controller('parcels')
class ParcelController {
  @Post()
  @ApiBody({ type: CreateDto(DocParcel) })
  @ApiOkResponse({ type: ViewDto(DocParcel) })
  create(@Body() _body: unknown) {}
  @Post('update')
  @ApiBody({ type: UpdateDto(DocParcel) })
  update(@Body() _body: unknown) {}
  @Post('weight')
  @ApiBody({ type: Weight })
  weight(@Body() _body: unknown) {}
}

describe('derived DTOs keep the documentation a model adds with @ApiProperty', () => {
  let app: INestApplication;
  let schemas: Record<string, Record<string, any>>;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ParcelController] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
    const document = openApiDocument(app);
    schemas = Object.fromEntries(
      ['CreateDocParcelDto', 'UpdateDocParcelDto', 'DocParcelView', Weight.name].map((n) => [
        n,
        componentSchema(document, n),
      ]),
    );
  });
  afterAll(() => app.close());

  it('copies description, example and x- extensions onto every shape, composed ones too', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      expect({ name, weight: schema.properties.weight }).toEqual({
        name,
        weight: {
          type: 'number',
          minimum: 0,
          maximum: 500,
          description: 'Weight in kilograms.',
          example: 2.5,
          'x-unit': 'kg',
        },
      });
    }
  });

  it('keeps bounds and types from the rules, not from the model’s @ApiProperty', () => {
    expect(schemas.CreateDocParcelDto.properties.weight.minimum).toBe(0);
    expect(schemas.CreateDocParcelDto.properties.weight.type).toBe('number');
  });
});
