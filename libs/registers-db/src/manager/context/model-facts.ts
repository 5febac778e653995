import type { Type } from '@nestjs/common';
import type { Dialect } from '../../dialects/base/dialect.interface';
import { InvalidQueryError, RecordNotFoundError, RegistryError } from '../../errors';
import { queryMessages, recordMessages } from '../../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../../interfaces/model-metadata.interface';
import {
  compileArrayHydrator,
  compileHydrator,
  type ArrayHydrator,
  type Hydrator,
  type ShapeHolder,
} from '../../records/hydrator';
import { createRecordClass } from '../../records/record-class';
import type { RecordOwner } from '../../records/record-methods.interface';
import { isPersisted, markPersisted } from '../../records/record-state';
import { checkFieldType } from '../../validation/field-type-check';
import { ModelValidator } from '../../validation/model-validator';
import { isUnsafeKey } from '../../validation/unsafe-keys';
import { EncryptedFields } from '../encrypted-fields';
import { ModelHooks } from '../model-hooks';
import { PasswordFields } from '../password-fields';
import { errorContext } from './error-context';
import { isPlainData } from './input-shapes';
import { TenantGuard } from './tenant-guard';

/**
 * What one manager's operations know about its model and never changes: metadata, dialect,
 * record class and hydrator, validator, field services (passwords, encryption), hooks and
 * tenancy, with the helpers that need only these (error context, bound values, input shape).
 */
export class ModelFacts<T extends object> {
  readonly keyField: FieldMetadata;
  readonly recordClass: Type<T>;
  readonly hydrate: Hydrator<T>;
  private arrayHydrator?: ArrayHydrator<T>;
  /**
   * The last record read and the last written (see ShapeHolder): a written record's fields
   * came in another order, so it has hidden classes of its own. None for a model with
   * password or encrypted fields: its records are never kept.
   */
  private readonly readShape?: ShapeHolder;
  private readonly writtenShape?: ShapeHolder;
  readonly validator: ModelValidator<T>;
  readonly passwords: PasswordFields;
  readonly encrypted: EncryptedFields;
  readonly hooks: ModelHooks;
  readonly tenancy: TenantGuard<T>;

  constructor(
    readonly meta: ModelMetadata<T>,
    readonly dialect: Dialect,
    owner: RecordOwner<T>,
  ) {
    this.keyField = meta.fieldsByProperty.get(meta.key)!;
    this.recordClass = createRecordClass(meta, owner);
    this.validator = new ModelValidator(meta, this.recordClass);
    this.passwords = new PasswordFields(meta);
    this.encrypted = new EncryptedFields(meta);
    if (!this.passwords.any && !this.encrypted.any) {
      this.readShape = {};
      this.writtenShape = {};
    }
    this.hydrate = compileHydrator(meta, this.recordClass, dialect, this.readShape);
    this.hooks = new ModelHooks(meta.target);
    this.tenancy = new TenantGuard(meta);
  }

  /**
   * Builds a record from a row read as an array in field order (compiled on first use: most
   * models are never read many rows at a time, and a fresh registry compiles per model).
   */
  get hydrateArray(): ArrayHydrator<T> {
    return (this.arrayHydrator ??= compileArrayHydrator(
      this.meta,
      this.recordClass,
      this.dialect,
      this.readShape,
    ));
  }

  /**
   * Marks `record`, just written with its key set, as stored, and keeps it as the last
   * written record (see writtenShape).
   */
  markWritten(record: T): void {
    markPersisted(record, (record as any)[this.meta.key]);
    if (this.writtenShape) this.writtenShape.record = record;
  }

  // ---------------------------------------------------------------- errors

  /** The error context of an operation on this model. */
  context(operation: string, extra: Record<string, unknown> = {}) {
    return errorContext(this.meta, operation, extra);
  }

  /** Adds the operation to the context of a query-compiler error that has none. */
  withOperation(error: unknown, operation: string): unknown {
    if (error instanceof RegistryError && error.context.operation === undefined) {
      Object.assign(error.context, this.context(operation), error.context);
    }
    return error;
  }

  notFound(operation: string, detail: { key?: unknown; fields?: string[] }): RecordNotFoundError {
    return new RecordNotFoundError(
      detail.key !== undefined
        ? recordMessages.notFoundByKey(this.meta.name, this.meta.key, detail.key)
        : recordMessages.notFoundByFilter(this.meta.name),
      this.context(operation, detail),
    );
  }

  assertRows(rows: unknown, operation: string): asserts rows is unknown[] {
    if (!Array.isArray(rows)) {
      throw new InvalidQueryError(
        queryMessages.rowsNotArray(this.meta.name, operation),
        this.context(operation),
      );
    }
  }

  // ---------------------------------------------------------------- bound values

  /** The bound value of a key argument; a missing or mistyped key is refused. */
  keyParam(key: unknown, operation: string): unknown {
    const valid =
      this.keyField.type === 'integer'
        ? Number.isSafeInteger(key)
        : key !== null && key !== undefined && !checkFieldType(this.keyField, key).issue;
    if (!valid) {
      throw new InvalidQueryError(
        queryMessages.invalidKeyValue(this.meta.name, operation, this.meta.key),
        {
          ...this.context(operation),
          field: this.meta.key,
        },
      );
    }
    return this.dialect.toDriver(this.keyField, key);
  }

  /**
   * The bound values of `fields` of a record (encrypted fields as ciphertext), appended to
   * `out` when given. A new list is sized up front: single-row writes make one per call.
   */
  paramsOf(record: any, fields: FieldMetadata[], out?: unknown[]): unknown[] {
    const params = out ?? new Array<unknown>(fields.length);
    let at = out ? out.length : 0;
    if (this.encrypted.any) {
      for (const field of fields)
        params[at++] = this.dialect.toDriver(field, this.encrypted.bound(record, field));
    } else {
      for (const field of fields)
        params[at++] = this.dialect.toDriver(field, record[field.property]);
    }
    return params;
  }

  /** How many keys fit in one `IN (…)` next to `reserved` other parameters. */
  keysPerStatement(reserved = 0): number {
    return Math.max(1, Math.min(1000, this.dialect.maxParameters - reserved));
  }

  /** Encrypts what a write will bind (records keep their plaintext). */
  async seal(targets: object[], operation: string): Promise<void> {
    if (this.encrypted.any)
      await this.encrypted.sealAll(targets as Array<Record<string, unknown>>, operation);
  }

  /** Decrypts the encrypted fields of records just read. */
  async reveal<R>(records: R, operation: string): Promise<R> {
    if (!this.encrypted.any || records === null) return records;
    await this.encrypted.open(
      (Array.isArray(records) ? records : [records]) as Array<Record<string, unknown>>,
      operation,
    );
    return records;
  }

  // ---------------------------------------------------------------- records and input

  /** Sets updatedAt on timestamped models. */
  touch(target: any): void {
    if (this.meta.timestamps && this.meta.fieldsByProperty.has('updatedAt'))
      target.updatedAt = new Date();
  }

  keyOf(record: unknown): unknown {
    return (record as any)[this.meta.key];
  }

  /** The stored-field names among the keys of `data` (what an audit row lists). */
  storedNames(data: unknown): string[] {
    if (data === null || typeof data !== 'object') return [];
    return Object.keys(data).filter((k) => this.meta.fieldsByProperty.has(k));
  }

  /** The stored fields of an object, for inserting a record that was built by hand. */
  fieldValues(record: any): Partial<T> {
    const data: any = {};
    for (const key of Object.keys(record)) if (!isUnsafeKey(key)) data[key] = record[key];
    return data;
  }

  /** Write input as plain data: records and class instances are copied field by field. */
  plainInput(data: unknown): any {
    return data !== null && typeof data === 'object' && (isPersisted(data) || !isPlainData(data))
      ? this.fieldValues(data)
      : data;
  }
}
