import type { Type } from '@nestjs/common';
import type { RecordOwner } from './record-methods.interface';

/**
 * A subclass of the model whose prototype carries the record methods, bound to one
 * manager. Records are `instanceof` the model, `record.constructor` is the model (so
 * class-validator finds its rules), and their own enumerable properties are the fields.
 */
export function createRecordClass<T extends object>(model: Type<T>, owner: RecordOwner<T>): Type<T> {
  const Record = class extends (model as Type<any>) {} as Type<T>;
  Object.defineProperty(Record, 'name', { value: model.name });
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
  };
  Object.defineProperties(Record.prototype, methods);
  return Record;
}

function method(fn: (...args: any[]) => unknown): PropertyDescriptor {
  return { value: fn, writable: true, configurable: true, enumerable: false };
}
