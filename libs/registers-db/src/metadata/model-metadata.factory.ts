import type { Type } from '@nestjs/common';
import {
  CREATED_AT_PROPERTY,
  DELETED_AT_PROPERTY,
  MANAGER_MEMBER_NAMES,
  MODEL_HOOK_NAMES,
  RECORD_MEMBER_NAMES,
  UPDATED_AT_PROPERTY,
} from '../constants';
import { ConfigurationError, ModelRegistrationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { configurationFailure, type FailConfiguration } from './configuration-failure';
import { buildField, managedDateField } from './field-metadata.builder';
import { ModelMetadataAccessor } from './model-metadata.accessor';
import { defaultTableName } from './naming';
import { checkFieldOptions, checkModelOptions } from './option-checks';
import { mergePropertyOrder } from './property-order';
import { checkColumns, checkKey, uniqueGroups } from './table-checks';

const RESERVED_NAMES = new Set<string>([
  ...RECORD_MEMBER_NAMES,
  ...MANAGER_MEMBER_NAMES,
  ...MODEL_HOOK_NAMES,
  'constructor',
  'prototype',
  '__proto__',
]);

const accessor = new ModelMetadataAccessor();
const cache = new WeakMap<Function, ModelMetadata>();

/**
 * Reads, infers and validates a model's metadata. Computed once per class and cached;
 * every error names the model (and field) and is thrown before anything touches a database.
 */
export function getModelMetadata<T>(target: Type<T>): ModelMetadata<T> {
  const cached = cache.get(target);
  if (cached) return cached as ModelMetadata<T>;
  const meta = new ModelMetadataBuilder(target, accessor).build();
  cache.set(target, meta);
  return meta as ModelMetadata<T>;
}

/** A copy a registry may change (renameTable) without touching other registries. */
export function cloneModelMetadata<T>(meta: ModelMetadata<T>): ModelMetadata<T> {
  return { ...meta, unique: meta.unique.map((g) => [...g]) };
}

class ModelMetadataBuilder {
  private readonly name: string;
  private readonly fail: FailConfiguration;

  constructor(
    private readonly target: Type<unknown>,
    private readonly reader: ModelMetadataAccessor,
  ) {
    this.name = typeof target === 'function' && target.name ? target.name : String(target);
    this.fail = configurationFailure(this.name);
  }

  build(): ModelMetadata {
    const { target, fail } = this;
    if (typeof target !== 'function') {
      throw new ModelRegistrationError(configurationMessages.notAClass(typeof target), {});
    }
    if (!this.reader.isModel(target)) {
      throw new ModelRegistrationError(configurationMessages.notAModel(this.name), {
        model: this.name,
      });
    }
    const options = checkModelOptions(this.name, this.reader.getModelOptions(target) ?? {}, fail);
    const table = options.table ?? defaultTableName(this.name);
    const key = options.key ?? 'id';
    const declarations = new Map(
      this.reader.getFieldDeclarations(target).map((d) => [d.property, d.options]),
    );
    const rules = this.reader.getValidatorRules(target);
    const order = mergePropertyOrder([...declarations.keys()], [...rules.keys()]);

    const fields: FieldMetadata[] = [];
    for (const property of order) {
      const fieldOptions = checkFieldOptions(property, declarations.get(property) ?? {}, fail);
      this.assertNotReserved(property);
      if (fieldOptions.excludeFromDb) continue;
      const source = {
        model: this.name,
        property,
        options: fieldOptions,
        rules: rules.get(property) ?? [],
        designType: this.reader.getDesignType(target, property),
        isKey: property === key,
      };
      fields.push(buildField(source, fail));
    }
    if (options.timestamps) {
      this.addManagedDate(fields, CREATED_AT_PROPERTY, false);
      this.addManagedDate(fields, UPDATED_AT_PROPERTY, false);
    }
    if (options.softDelete) this.addManagedDate(fields, DELETED_AT_PROPERTY, true);

    const fieldsByProperty = new Map(fields.map((f) => [f.property, f]));
    checkKey(key, fieldsByProperty, fail);
    checkColumns(fields, fail);
    const unique = uniqueGroups(options.unique ?? [], fields, fieldsByProperty, fail);
    if (options.tenantField !== undefined) {
      const tenant = fieldsByProperty.get(options.tenantField);
      if (!tenant) {
        throw new ConfigurationError(
          configurationMessages.unknownTenantField(this.name, options.tenantField),
          { model: this.name, field: options.tenantField },
        );
      }
      // every scoped query filters on it
      if (!tenant.isKey && !tenant.unique) tenant.index = true;
    }
    return {
      target: target as Type<any>,
      name: this.name,
      table,
      key,
      fields,
      fieldsByProperty,
      unique,
      autoCreate: options.autoCreate ?? true,
      timestamps: options.timestamps ?? false,
      softDelete: options.softDelete ?? false,
      auditLog: options.auditLog ?? false,
      tenantField: options.tenantField,
    };
  }

  private assertNotReserved(property: string): void {
    if (RESERVED_NAMES.has(property)) {
      throw new ModelRegistrationError(
        configurationMessages.reservedFieldName(this.name, property),
        { model: this.name, field: property },
      );
    }
  }

  /** Adds a managed date unless the model declares the property itself. */
  private addManagedDate(fields: FieldMetadata[], property: string, nullable: boolean): void {
    if (fields.some((f) => f.property === property)) return;
    fields.push(managedDateField(property, nullable));
  }
}
