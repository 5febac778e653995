import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { ImmutableFieldError, InvalidPrimaryKeyAssignmentError, ValidationError } from '../errors';
import { recordMessages, validationMessages } from '../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { ModelMetadataAccessor } from '../metadata/model-metadata.accessor';
import { isPasswordHash } from '../security/passwords';
import { checkFieldType } from './field-type-check';
import { assignPartial, compileAssigner, InstanceAssigner } from './instance-assigner';
import { ClassRules, readClassRules, runClassRules } from './class-rules';
import { CompiledAccept, compileAccept } from './compiled-accept';
import { IssueList, issuesFromClassValidator } from './validation-issues';
import { isUnsafeKey } from './unsafe-keys';

export interface WriteContext {
  operation: string;
  rowIndex?: number;
}

export interface BuildOptions extends WriteContext {
  /** Whether an autoincrement key may be given (upserts target existing rows by key). */
  allowDatabaseKey?: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function defaultValue(field: FieldMetadata): unknown {
  const value = field.default;
  if (typeof value === 'function') return (value as () => unknown)();
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/**
 * The write-side validation of one model, compiled once: unsafe and unknown keys,
 * key rules, storage types (finite numbers, lengths, enums, dates), required fields,
 * then the class's own class-validator rules. Failures become one ValidationError with
 * an issue per field; nothing is written.
 */
export class ModelValidator<T extends object> {
  private readonly rules: ClassRules;
  private readonly fast: CompiledAccept | undefined;
  private readonly known: ReadonlySet<string>;
  private readonly assign: InstanceAssigner<T>;
  private readonly keyField: FieldMetadata | undefined;
  private readonly passwordProperties: ReadonlySet<string>;
  /** Fields with a declared default, and those a build fills with null when left out. */
  private readonly defaulted: FieldMetadata[];
  private readonly nullWhenMissing: FieldMetadata[];
  private readonly stampsCreatedAt: boolean;
  private readonly stampsUpdatedAt: boolean;

  constructor(
    private readonly meta: ModelMetadata<T>,
    private readonly Target: Type<T>,
  ) {
    this.rules = readClassRules(meta.target);
    this.known = new Set([
      ...meta.fields.map((f) => f.property),
      ...new ModelMetadataAccessor().getFieldDeclarations(meta.target).map((d) => d.property),
      ...this.rules.properties,
    ]);
    this.fast = compileAccept(meta, this.known, this.rules);
    this.assign = compileAssigner(Target, [...this.known]);
    this.keyField = meta.fieldsByProperty.get(meta.key);
    this.passwordProperties = new Set(
      meta.fields.filter((f) => f.hashPassword).map((f) => f.property),
    );
    this.defaulted = meta.fields.filter((f) => f.default !== undefined);
    this.nullWhenMissing = meta.fields.filter((f) => !this.isGeneratedKey(f));
    this.stampsCreatedAt = meta.timestamps && meta.fieldsByProperty.has('createdAt');
    this.stampsUpdatedAt = meta.timestamps && meta.fieldsByProperty.has('updatedAt');
  }

  private context(ctx: WriteContext) {
    return {
      model: this.meta.name,
      table: this.meta.table,
      operation: ctx.operation,
      ...(ctx.rowIndex === undefined ? {} : { rowIndex: ctx.rowIndex }),
    };
  }

  private fail(issues: IssueList, ctx: WriteContext): never {
    const list = issues.toArray();
    throw new ValidationError(
      recordMessages.invalidFields(this.meta.name, list, ctx.rowIndex),
      list,
      this.context(ctx),
    );
  }

  /** The input's own keys, rejecting prototype-reaching and unknown ones. */
  private checkKeys(data: unknown, issues: IssueList, ctx: WriteContext): Record<string, unknown> {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      issues.add('(root)', validationMessages.dataNotObject(this.meta.name));
      this.fail(issues, ctx);
    }
    const plain = isPlainObject(data);
    for (const key of Object.keys(data)) {
      if (isUnsafeKey(key)) issues.add(key, validationMessages.fieldNameNotAllowed(key));
      // Instances of the model may carry helper properties; plain input may not.
      else if (plain && !this.known.has(key))
        issues.add(key, validationMessages.notAField(key, this.meta.name));
    }
    return data as Record<string, unknown>;
  }

  private checkStoredFields(
    instance: any,
    issues: IssueList,
    only?: Record<string, unknown>,
  ): void {
    for (const field of this.meta.fields) {
      const property = field.property;
      if (only && !(property in only)) continue;
      const value = instance[property];
      if (value === undefined || value === null) {
        if (field.nullable || this.isGeneratedKey(field)) continue;
        if (value === null) issues.add(property, validationMessages.mustNotBeNull(property));
        else if (!only) issues.add(property, validationMessages.required(property));
        continue;
      }
      const checked = checkFieldType(field, value);
      if (checked.issue) issues.add(property, checked.issue);
      else if (checked.value !== value) instance[property] = checked.value;
    }
  }

  private isGeneratedKey(field: FieldMetadata): boolean {
    return field.isKey && (field.idStrategy === 'autoincrement' || field.idStrategy === 'uuid4');
  }

  /** Adds class-validator's issues; synchronous unless the class has async rules. */
  private applyClassRules(
    instance: object,
    issues: IssueList,
    partial: boolean,
  ): void | Promise<void> {
    if (!this.rules.hasRules) return;
    const errors = runClassRules(this.rules, instance, partial);
    if (Array.isArray(errors)) {
      if (errors.length)
        issues.addAll(issuesFromClassValidator(this.withoutStoredHashes(errors, instance)));
      return;
    }
    return errors.then((list) => {
      if (list.length)
        issues.addAll(issuesFromClassValidator(this.withoutStoredHashes(list, instance)));
    });
  }

  /**
   * Rules of a password field describe the raw password; a value that already is a hash
   * (read from the database, or migrated from the Python original) is not held to them.
   */
  private withoutStoredHashes<E extends { property: string }>(errors: E[], instance: any): E[] {
    if (this.passwordProperties.size === 0) return errors;
    return errors.filter(
      (e) => !(this.passwordProperties.has(e.property) && isPasswordHash(instance[e.property])),
    );
  }

  /** A new, validated instance from create/upsert/bulk input, with defaults and a generated uuid key. */
  build(data: unknown, options: BuildOptions): T | Promise<T> {
    const issues = new IssueList();
    const input = this.fast?.onlyKnownKeys(data)
      ? (data as Record<string, unknown>)
      : this.checkKeys(data, issues, options);
    if (!issues.empty) this.fail(issues, options);
    const key = this.keyField;
    if (
      key?.idStrategy === 'autoincrement' &&
      input[key.property] != null &&
      !options.allowDatabaseKey
    ) {
      throw new InvalidPrimaryKeyAssignmentError(
        recordMessages.keyAssignedByDatabase(this.meta.name, key.property),
        { ...this.context(options), fields: [key.property] },
      );
    }
    const instance: any = this.assign(input);
    // Indexed loops here and in finishBuild: build runs once per written row.
    for (let i = 0; i < this.defaulted.length; i++) {
      const field = this.defaulted[i];
      if (instance[field.property] === undefined) instance[field.property] = defaultValue(field);
    }
    if (key?.idStrategy === 'uuid4' && instance[key.property] == null)
      instance[key.property] = randomUUID();
    if (this.stampsCreatedAt || this.stampsUpdatedAt) {
      const now = new Date();
      if (this.stampsCreatedAt) instance.createdAt ??= now;
      if (this.stampsUpdatedAt) instance.updatedAt ??= now;
    }
    if (this.fast?.accepts(instance)) return this.finishBuild(instance, issues, options);
    this.checkStoredFields(instance, issues);
    const pending = this.applyClassRules(instance, issues, false);
    return pending
      ? pending.then(() => this.finishBuild(instance, issues, options))
      : this.finishBuild(instance, issues, options);
  }

  private finishBuild(instance: any, issues: IssueList, options: BuildOptions): T {
    if (!issues.empty) this.fail(issues, options);
    for (let i = 0; i < this.nullWhenMissing.length; i++) {
      const property = this.nullWhenMissing[i].property;
      if (instance[property] === undefined) instance[property] = null;
    }
    return instance;
  }

  /** Validates a whole existing record before save(). */
  async checkRecord(record: T, ctx: WriteContext): Promise<void> {
    const issues = new IssueList();
    this.checkKeys(record, issues, ctx);
    this.checkStoredFields(record, issues);
    await this.applyClassRules(record, issues, false);
    if (!issues.empty) this.fail(issues, ctx);
  }

  /**
   * Validates partial changes (updateWhere, record.update): only the given fields are
   * checked; the key cannot be changed. Returns the changes with values normalized.
   */
  async checkChanges(changes: unknown, ctx: WriteContext): Promise<Record<string, unknown>> {
    const issues = new IssueList();
    const input = this.checkKeys(changes, issues, ctx);
    if (!isPlainObject(input)) {
      for (const key of Object.keys(input))
        if (!this.known.has(key))
          issues.add(key, validationMessages.notAField(key, this.meta.name));
    }
    if (!issues.empty) this.fail(issues, ctx);
    if (this.meta.key in input) {
      throw new ImmutableFieldError(recordMessages.keyImmutable(this.meta.name, this.meta.key), {
        ...this.context(ctx),
        fields: [this.meta.key],
      });
    }
    const partial: any = assignPartial(this.Target, input);
    this.checkStoredFields(partial, issues, input);
    await this.applyClassRules(partial, issues, true);
    if (!issues.empty) this.fail(issues, ctx);
    const normalized: Record<string, unknown> = {};
    for (const key of Object.keys(input))
      normalized[key] = partial[key] === undefined ? null : partial[key];
    return normalized;
  }
}
