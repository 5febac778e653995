import type { Type } from '@nestjs/common';
import { CREATED_AT_PROPERTY, DELETED_AT_PROPERTY, UPDATED_AT_PROPERTY } from '../constants';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { ModelMetadataAccessor, type ValidatorRule } from '../metadata/model-metadata.accessor';
import { getModelMetadata } from '../metadata/model-metadata.factory';
import { fieldSchema, type PropertySchema, unstoredSchema } from './field-schema';

/**
 * The shapes derived from one model: `model` (every property, server-managed ones read-only,
 * secrets write-only), `create` and `update` (request bodies) and `view` (a response).
 */
export type DtoKind = 'model' | 'create' | 'update' | 'view';

/** One property of a derived shape. */
export interface DtoProperty {
  property: string;
  /** The stored field; absent for `excludeFromDb` properties. */
  field?: FieldMetadata;
  rules: ValidatorRule[];
  designType: Function | undefined;
  required: boolean;
  schema: PropertySchema;
}

const accessor = new ModelMetadataAccessor();
const MANAGED_DATES = new Set([CREATED_AT_PROPERTY, UPDATED_AT_PROPERTY, DELETED_AT_PROPERTY]);

/** Fields the server sets: a generated key, timestamps, the soft-delete date, the tenant. */
export function isServerManaged(meta: ModelMetadata, field: FieldMetadata): boolean {
  if (field.isKey) return field.idStrategy === 'autoincrement' || field.idStrategy === 'uuid4';
  if (field.property === meta.tenantField) return true;
  if (!MANAGED_DATES.has(field.property)) return false;
  return field.property === DELETED_AT_PROPERTY ? meta.softDelete : meta.timestamps;
}

/** Secrets: a password hash or a ciphertext never leaves the server. */
export const isSecret = (field: FieldMetadata) => field.hashPassword || field.encrypted;

function includes(meta: ModelMetadata, field: FieldMetadata, kind: DtoKind): boolean {
  switch (kind) {
    case 'model':
      return true;
    case 'view':
      return !isSecret(field);
    case 'create':
      return !isServerManaged(meta, field);
    case 'update':
      return !field.isKey && !isServerManaged(meta, field);
  }
}

/** A property without `@IsOptional()` is required, unless nothing validates it and it may be null or has a default. */
function isRequired(rules: ValidatorRule[], field: FieldMetadata | undefined): boolean {
  if (rules.some((r) => r.name === 'isOptional')) return false;
  if (rules.length > 0 || !field) return true;
  return !field.nullable && field.default === undefined;
}

function storedProperty(
  meta: ModelMetadata,
  field: FieldMetadata,
  rules: ValidatorRule[],
  kind: DtoKind,
): DtoProperty {
  const direction = kind === 'view' ? 'view' : 'input';
  const schema = fieldSchema(field, rules, direction);
  let required = isRequired(rules, field);
  if (kind === 'update') required = false;
  if (kind === 'view') {
    // A response always carries every view property (null when empty).
    required = true;
  }
  if (kind === 'model') {
    if (isServerManaged(meta, field)) {
      schema.readOnly = true;
      required = false;
    }
    if (field.encrypted) schema.writeOnly = true;
  }
  return {
    property: field.property,
    field,
    rules,
    designType: accessor.getDesignType(meta.target, field.property),
    required,
    schema,
  };
}

/** The properties of one derived shape of `model`, in declaration order. */
export function dtoProperties(model: Type<unknown>, kind: DtoKind): DtoProperty[] {
  const meta = getModelMetadata(model);
  const rules = accessor.getValidatorRules(model);
  const out: DtoProperty[] = [];
  for (const field of meta.fields) {
    if (!includes(meta, field, kind)) continue;
    out.push(storedProperty(meta, field, rules.get(field.property) ?? [], kind));
  }
  if (kind === 'view') return out;
  // Validated on the class but never stored (`excludeFromDb`, e.g. a password confirmation).
  for (const declaration of accessor.getFieldDeclarations(model)) {
    if (!declaration.options.excludeFromDb) continue;
    const own = rules.get(declaration.property) ?? [];
    const designType = accessor.getDesignType(model, declaration.property);
    out.push({
      property: declaration.property,
      rules: own,
      designType,
      required: kind !== 'update' && isRequired(own, undefined),
      schema: { ...unstoredSchema(designType, own), writeOnly: true },
    });
  }
  return out;
}
