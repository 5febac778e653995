import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions, DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage, IsOptional, ValidateBy } from 'class-validator';
import { checkFieldType } from '../validation/field-type-check';
import type { FieldMetadata } from '../interfaces/model-metadata.interface';
import { type DtoKind, type DtoProperty, dtoProperties } from './dto-properties';
import { linkModel } from './view-models';

const cache = new Map<DtoKind, WeakMap<Function, Type<any>>>();

const CLASS_NAMES: Record<Exclude<DtoKind, 'model'>, (model: string) => string> = {
  create: (model) => `Create${model}Dto`,
  update: (model) => `Update${model}Dto`,
  view: (model) => `${model}View`,
};

/** Copies the model's class-validator rules of `property` onto `target`, unchanged. */
function copyRules(model: Function, target: Function, property: string): void {
  const storage = getMetadataStorage();
  for (const m of storage.getTargetValidationMetadatas(model, '', true, false)) {
    if (m.propertyName !== property) continue;
    storage.addValidationMetadata({ ...m, target } as typeof m);
  }
}

/**
 * The storage rules of the column (int32 range, decimal digits, NUL and lone surrogates,
 * text size, calendar dates in years 1 to 9999, …): the same check every write runs, here
 * at the request boundary so a body is refused before it reaches the manager.
 */
function StorableValue(stored: FieldMetadata): PropertyDecorator {
  // A password column holds the hash, so its length does not bound the password.
  const field = stored.hashPassword ? { ...stored, length: undefined } : stored;
  return ValidateBy({
    name: 'registersStorableValue',
    validator: {
      validate: (value) =>
        value === null || value === undefined || !checkFieldType(field, value).issue,
      defaultMessage: (args) => checkFieldType(field, args?.value).issue ?? '',
    },
  });
}

function apiOptions(p: DtoProperty): ApiPropertyOptions {
  const { type, ...rest } = p.schema;
  const options: Record<string, unknown> = { ...rest, required: p.required };
  if (type) options.type = type;
  else if (p.designType === Array) Object.assign(options, { type: 'array', items: {} });
  else Object.assign(options, { type: 'object', additionalProperties: true });
  return options as ApiPropertyOptions;
}

const DOC_KEYS = new Set(['description', 'example', 'examples', 'title', 'deprecated']);

/**
 * Documentation the model adds to a field with its own `@ApiProperty` (description, example,
 * `x-` extensions): kept on every derived DTO. Bounds, types and formats stay derived from the
 * rules, so the document cannot say something the validation does not do.
 */
function modelDocs(model: Type<unknown>, property: string): Record<string, unknown> {
  const own: Record<string, unknown> | undefined = Reflect.getMetadata(
    DECORATORS.API_MODEL_PROPERTIES,
    model.prototype,
    property,
  );
  const docs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(own ?? {}))
    if (value !== undefined && (DOC_KEYS.has(key) || key.startsWith('x-'))) docs[key] = value;
  return docs;
}

function build(model: Type<unknown>, kind: Exclude<DtoKind, 'model'>): Type<any> {
  const name = CLASS_NAMES[kind](model.name);
  // A named class expression, so Swagger and error messages show the DTO's own name.
  const dto = { [name]: class {} }[name];
  for (const p of dtoProperties(model, kind)) {
    if (p.designType)
      Reflect.defineMetadata('design:type', p.designType, dto.prototype, p.property);
    copyRules(model, dto, p.property);
    if (kind !== 'view') {
      if (kind === 'update') IsOptional()(dto.prototype, p.property);
      if (p.field) StorableValue(p.field)(dto.prototype, p.property);
    }
    ApiProperty({ ...apiOptions(p), ...modelDocs(model, p.property) })(dto.prototype, p.property);
  }
  linkModel(dto, model);
  return dto;
}

function derived(model: Type<unknown>, kind: Exclude<DtoKind, 'model'>): Type<any> {
  let byModel = cache.get(kind);
  if (!byModel) cache.set(kind, (byModel = new WeakMap()));
  let dto = byModel.get(model);
  if (!dto) byModel.set(model, (dto = build(model, kind)));
  return dto;
}

/**
 * The body of a create request: every field the client may set (no generated key, managed
 * dates or tenant), with the model's class-validator rules and the column's storage rules,
 * documented for Swagger. One class per model.
 */
export function CreateDto<T>(model: Type<T>): Type<Partial<T>> {
  return derived(model, 'create');
}

/** The body of an update request: the create fields without the key, all optional. */
export function UpdateDto<T>(model: Type<T>): Type<Partial<T>> {
  return derived(model, 'update');
}

/** What a response may contain: every stored field except password hashes and encrypted fields. */
export function ViewDto<T>(model: Type<T>): Type<Partial<T>> {
  return derived(model, 'view');
}
