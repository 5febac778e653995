import { inspect } from 'node:util';
import type { Type } from '@nestjs/common';
import { InvalidQueryError } from '../errors';
import { queryMessages } from '../errors/messages';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { verifyAndUpgradePassword, verifyPassword } from '../security/passwords';
import type { RecordOwner } from './record-methods.interface';
import { loadRelatedOf } from './related-loader';

/**
 * A subclass of the model whose prototype carries the record methods, bound to one
 * manager. Records are `instanceof` the model, `record.constructor` is the model (so
 * class-validator finds its rules), and their own enumerable properties are the fields.
 */
export function createRecordClass<T extends object>(
  meta: ModelMetadata<T>,
  owner: RecordOwner<T>,
): Type<T> {
  const model = meta.target;
  const RecordClass = class extends (model as Type<any>) {} as Type<T>;
  Object.defineProperty(RecordClass, 'name', { value: model.name });
  const methods: PropertyDescriptorMap = {
    constructor: { value: model, writable: true, configurable: true, enumerable: false },
    save: method(function (this: T) {
      return owner.save(this);
    }),
    delete: method(function (this: T) {
      return owner.deleteRecord(this);
    }),
    refresh: method(function (this: T) {
      return owner.refresh(this);
    }),
    update: method(function (this: T, changes: Partial<T>) {
      return owner.updateRecord(this, changes);
    }),
    related: method(function (this: T, name: string) {
      return loadRelatedOf(this, name);
    }),
  };
  const passwordFields = meta.fields.filter((f) => f.hashPassword).map((f) => f.property);
  if (passwordFields.length) {
    const storedHash = (record: any, field: string | undefined, operation: string): string => {
      const property = field ?? passwordFields[0];
      if (!passwordFields.includes(property)) {
        throw new InvalidQueryError(queryMessages.notAPasswordField(meta.name, property), {
          model: meta.name,
          table: meta.table,
          operation,
          field: property,
        });
      }
      return typeof record[property] === 'string' ? record[property] : '';
    };
    methods.verifyPassword = method(function (this: T, raw: string, field?: string) {
      return verifyPassword(raw, storedHash(this, field, 'verifyPassword'));
    });
    methods.verifyAndUpgradePassword = method(async function (
      this: T,
      raw: string,
      field?: string,
    ) {
      const property = field ?? passwordFields[0];
      const result = await verifyAndUpgradePassword(
        raw,
        storedHash(this, field, 'verifyAndUpgradePassword'),
      );
      if (result.ok && result.upgraded)
        await owner.updateRecord(this, { [property]: result.upgraded } as Partial<T>);
      return result;
    });
  }
  // Password hashes and decrypted values stay readable on the record but out of JSON and logs.
  const secret = new Set(
    meta.fields.filter((f) => f.hashPassword || f.encrypted).map((f) => f.property),
  );
  if (secret.size && typeof (model.prototype as any).toJSON !== 'function') {
    methods.toJSON = method(function (this: Record<string, unknown>) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(this)) if (!secret.has(key)) out[key] = this[key];
      return out;
    });
    methods[inspect.custom as any] = method(function (
      this: Record<string, unknown>,
      _depth: number,
      options: object,
    ) {
      const shown: Record<string, unknown> = {};
      for (const key of Object.keys(this)) shown[key] = secret.has(key) ? '[hidden]' : this[key];
      return `${model.name} ${inspect(shown, options)}`;
    });
  }
  Object.defineProperties(RecordClass.prototype, methods);
  return RecordClass;
}

function method(fn: (...args: any[]) => unknown): PropertyDescriptor {
  return { value: fn, writable: true, configurable: true, enumerable: false };
}
