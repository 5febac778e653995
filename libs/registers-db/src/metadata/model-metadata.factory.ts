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
import type {
  FieldMetadata,
  ForeignKeyRef,
  ModelMetadata,
} from '../interfaces/model-metadata.interface';
import { inferColumn } from './column-type.inference';
import type { FieldOptions } from './interfaces/field-options.interface';
import type { ModelOptions } from './interfaces/model-options.interface';
import { ModelMetadataAccessor, type ValidatorRule } from './model-metadata.accessor';
import { defaultTableName, isSafeIdentifier, snakeCase } from './naming';
import { mergePropertyOrder } from './property-order';

const RESERVED_NAMES = new Set<string>([
  ...RECORD_MEMBER_NAMES,
  ...MANAGER_MEMBER_NAMES,
  ...MODEL_HOOK_NAMES,
  'constructor',
  'prototype',
  '__proto__',
]);
const BOOLEAN_FIELD_OPTIONS = [
  'nullable',
  'unique',
  'index',
  'timezone',
  'hashPassword',
  'encrypted',
  'excludeFromDb',
] as const;
const BOOLEAN_MODEL_OPTIONS = ['autoCreate', 'timestamps', 'softDelete', 'auditLog'] as const;
const ID_STRATEGIES = ['autoincrement', 'uuid4', 'manual'];
const FOREIGN_KEY = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;

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

  constructor(
    private readonly target: Type<unknown>,
    private readonly reader: ModelMetadataAccessor,
  ) {
    this.name = typeof target === 'function' && target.name ? target.name : String(target);
  }

  build(): ModelMetadata {
    const { target } = this;
    if (typeof target !== 'function') {
      throw new ModelRegistrationError(
        `Only classes can be registered as models (got ${typeof target}).`,
        {},
      );
    }
    if (!this.reader.isModel(target)) {
      throw new ModelRegistrationError(
        `${this.name} is not a model: decorate the class with @Model().`,
        {
          model: this.name,
        },
      );
    }
    const options = this.validateModelOptions(this.reader.getModelOptions(target) ?? {});
    const table = options.table ?? defaultTableName(this.name);
    const key = options.key ?? 'id';
    const declarations = new Map(
      this.reader.getFieldDeclarations(target).map((d) => [d.property, d.options]),
    );
    const rules = this.reader.getValidatorRules(target);
    const order = mergePropertyOrder([...declarations.keys()], [...rules.keys()]);

    const fields: FieldMetadata[] = [];
    for (const property of order) {
      const fieldOptions = this.validateFieldOptions(property, declarations.get(property) ?? {});
      this.assertNotReserved(property);
      if (fieldOptions.excludeFromDb) continue;
      fields.push(
        this.buildField(property, fieldOptions, rules.get(property) ?? [], property === key),
      );
    }
    if (options.timestamps) {
      this.addManagedDate(fields, CREATED_AT_PROPERTY, false);
      this.addManagedDate(fields, UPDATED_AT_PROPERTY, false);
    }
    if (options.softDelete) this.addManagedDate(fields, DELETED_AT_PROPERTY, true);

    const fieldsByProperty = new Map(fields.map((f) => [f.property, f]));
    this.validateKey(key, fieldsByProperty);
    this.validateColumns(fields);
    const unique = this.uniqueGroups(options.unique ?? [], fields, fieldsByProperty);
    if (options.tenantField !== undefined) {
      const tenant = fieldsByProperty.get(options.tenantField);
      if (!tenant) {
        throw new ConfigurationError(
          `${this.name}: tenantField '${options.tenantField}' is not a stored field of the model.`,
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

  private fail(message: string, field?: string): never {
    throw new ConfigurationError(`${this.name}${field ? `.${field}` : ''}: ${message}`, {
      model: this.name,
      ...(field ? { field } : {}),
    });
  }

  private validateModelOptions(options: ModelOptions): ModelOptions {
    if (options.table !== undefined && !isSafeIdentifier(options.table)) {
      this.fail(
        `table '${String(options.table)}' is not a valid identifier (letters, digits, _; at most 63).`,
      );
    }
    if (options.table === undefined && !isSafeIdentifier(defaultTableName(this.name))) {
      this.fail(
        `the default table name '${defaultTableName(this.name)}' is not a valid identifier; set @Model({ table }).`,
      );
    }
    if (options.key !== undefined && (typeof options.key !== 'string' || !options.key)) {
      this.fail('key must be a property name.');
    }
    for (const flag of BOOLEAN_MODEL_OPTIONS) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean')
        this.fail(`${flag} must be a boolean.`);
    }
    if (options.unique !== undefined && !Array.isArray(options.unique)) {
      this.fail(
        "unique must be a list of fields or field groups, e.g. ['email'] or [['org', 'slug']].",
      );
    }
    return options;
  }

  private validateFieldOptions(property: string, options: FieldOptions): FieldOptions {
    for (const flag of BOOLEAN_FIELD_OPTIONS) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
        this.fail(`@Field({ ${flag} }) must be a boolean.`, property);
      }
    }
    if (options.id !== undefined && !ID_STRATEGIES.includes(options.id)) {
      this.fail(
        `@Field({ id }) must be one of ${ID_STRATEGIES.join(', ')} (got '${String(options.id)}').`,
        property,
      );
    }
    for (const size of ['length', 'precision'] as const) {
      const value = options[size];
      if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
        this.fail(`@Field({ ${size} }) must be a positive integer.`, property);
      }
    }
    if (options.scale !== undefined && (!Number.isInteger(options.scale) || options.scale < 0)) {
      this.fail('@Field({ scale }) must be a non-negative integer.', property);
    }
    if (options.column !== undefined && !isSafeIdentifier(options.column)) {
      this.fail(`column '${String(options.column)}' is not a valid identifier.`, property);
    }
    if (options.foreignKey !== undefined) {
      if (typeof options.foreignKey !== 'string' || !FOREIGN_KEY.test(options.foreignKey.trim())) {
        this.fail(
          `foreignKey must be written 'table.column' (got '${String(options.foreignKey)}').`,
          property,
        );
      }
    }
    if (options.hashPassword && options.encrypted) {
      this.fail('a field cannot both hash passwords and be encrypted.', property);
    }
    return options;
  }

  private assertNotReserved(property: string): void {
    if (RESERVED_NAMES.has(property)) {
      throw new ModelRegistrationError(
        `${this.name}.${property}: the field name '${property}' is already defined by records or managers; rename the field.`,
        { model: this.name, field: property },
      );
    }
  }

  private buildField(
    property: string,
    options: FieldOptions,
    rules: ValidatorRule[],
    isKey: boolean,
  ): FieldMetadata {
    const designType = this.reader.getDesignType(this.target, property);
    if (options.id !== undefined && !isKey) {
      this.fail(`@Field({ id: '${options.id}' }) is only allowed on the key field.`, property);
    }
    const inferred = inferColumn({ model: this.name, property, designType, rules, options });
    const optional = rules.some((r) => r.name === 'isOptional');
    let foreignKey: ForeignKeyRef | undefined;
    if (options.foreignKey !== undefined) {
      const [, table, column] = FOREIGN_KEY.exec(options.foreignKey.trim())!;
      foreignKey = { table, column };
    }
    if (options.hashPassword && inferred.type !== 'string' && inferred.type !== 'text') {
      this.fail(`hashPassword needs a string field (this one is ${inferred.type}).`, property);
    }
    this.validateDefault(property, options.default, inferred.type, inferred.enumValues);
    const field: FieldMetadata = {
      property,
      column: options.column ?? snakeCase(property),
      ...inferred,
      nullable: isKey ? false : (options.nullable ?? optional),
      unique: options.unique ?? false,
      index: options.index ?? false,
      foreignKey,
      default: options.default,
      isKey,
      hashPassword: options.hashPassword ?? false,
      encrypted: options.encrypted ?? false,
      excludeFromDb: false,
    };
    if (isKey) {
      field.idStrategy = options.id ?? 'manual';
      this.validateIdStrategy(field, designType, options, rules);
    }
    return field;
  }

  private validateIdStrategy(
    field: FieldMetadata,
    designType: Function | undefined,
    options: FieldOptions,
    rules: ValidatorRule[],
  ): void {
    const { property } = field;
    const required = rules.some((r) => r.name === 'isDefined' || r.name === 'isNotEmpty');
    const optional = rules.some((r) => r.name === 'isOptional') || options.nullable === true;
    if (field.idStrategy === 'autoincrement') {
      const numeric = designType === Number || designType === Object || designType === undefined;
      if (!numeric || (field.type !== 'integer' && field.type !== 'bigint')) {
        this.fail("id: 'autoincrement' needs an integer key (declare it `id?: number`).", property);
      }
      if (required)
        this.fail("id: 'autoincrement' needs an optional key: the database assigns it.", property);
      if (options.default !== undefined)
        this.fail("id: 'autoincrement' keys take no default.", property);
    } else if (field.idStrategy === 'uuid4') {
      const stringy = designType === String || designType === Object || designType === undefined;
      if (!stringy || field.type !== 'uuid') {
        this.fail("id: 'uuid4' needs a string UUID key (declare it `id?: string`).", property);
      }
      if (required)
        this.fail("id: 'uuid4' needs an optional key: it is generated before insert.", property);
    } else if (optional) {
      this.fail(
        "an optional key needs an explicit id strategy: @Field({ id: 'autoincrement' }) or @Field({ id: 'uuid4' }); 'manual' keys are required.",
        property,
      );
    }
  }

  /** A column default must fit the column (functions are computed by the application). */
  private validateDefault(
    property: string,
    value: unknown,
    type: FieldMetadata['type'],
    enumValues: Array<string | number> | undefined,
  ): void {
    if (value === undefined || value === null || typeof value === 'function') return;
    const numeric =
      type === 'integer' || type === 'bigint' || type === 'double' || type === 'decimal';
    const ok =
      type === 'json' ||
      (numeric &&
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (type === 'double' || type === 'decimal' || Number.isInteger(value))) ||
      (type === 'bigint' && typeof value === 'bigint') ||
      (type === 'boolean' && typeof value === 'boolean') ||
      ((type === 'string' || type === 'text' || type === 'uuid') && typeof value === 'string') ||
      ((type === 'date' || type === 'datetime') &&
        (value instanceof Date || typeof value === 'string')) ||
      (type === 'enum' && enumValues!.includes(value as string | number));
    if (!ok) {
      this.fail(
        `default ${JSON.stringify(value)} does not fit a ${type} column${type === 'enum' ? ` (values: ${enumValues!.join(', ')})` : ''}.`,
        property,
      );
    }
  }

  private addManagedDate(fields: FieldMetadata[], property: string, nullable: boolean): void {
    if (fields.some((f) => f.property === property)) return;
    fields.push({
      property,
      column: snakeCase(property),
      type: 'datetime',
      timezone: true,
      nullable,
      unique: false,
      index: property === DELETED_AT_PROPERTY,
      isKey: false,
      hashPassword: false,
      encrypted: false,
      excludeFromDb: false,
    });
  }

  private validateKey(key: string, fields: Map<string, FieldMetadata>): void {
    if (!fields.has(key)) {
      this.fail(
        `key field '${key}' is not a stored field of the model; declare it or set @Model({ key }).`,
        key,
      );
    }
  }

  private validateColumns(fields: FieldMetadata[]): void {
    const seen = new Map<string, string>();
    for (const f of fields) {
      if (!isSafeIdentifier(f.column))
        this.fail(`column '${f.column}' is not a valid identifier.`, f.property);
      const other = seen.get(f.column);
      if (other)
        this.fail(
          `fields '${other}' and '${f.property}' both map to column '${f.column}'.`,
          f.property,
        );
      seen.set(f.column, f.property);
    }
  }

  private uniqueGroups(
    declared: Array<string | string[]>,
    fields: FieldMetadata[],
    byProperty: Map<string, FieldMetadata>,
  ): string[][] {
    const groups: string[][] = [];
    const keyOf = (g: string[]) => [...g].sort().join('\u0000');
    const seen = new Set<string>();
    for (const entry of declared) {
      const group = Array.isArray(entry) ? entry : [entry];
      if (group.length === 0) this.fail('unique contains an empty group.');
      if (new Set(group).size !== group.length) {
        this.fail(`unique group [${group.join(', ')}] duplicates a field.`);
      }
      for (const property of group) {
        if (typeof property !== 'string' || !byProperty.has(property)) {
          this.fail(
            `unique field '${String(property)}' is not a stored field of the model.`,
            String(property),
          );
        }
      }
      const k = keyOf(group);
      if (seen.has(k))
        this.fail(`unique declares [${group.join(', ')}] more than once (duplicates).`);
      seen.add(k);
      groups.push([...group]);
    }
    for (const f of fields) {
      if (f.unique && !seen.has(f.property)) {
        seen.add(f.property);
        groups.push([f.property]);
      }
    }
    for (const g of groups) {
      if (g.length === 1) byProperty.get(g[0])!.unique = true;
    }
    return groups;
  }
}
