import { inspect } from 'node:util';
import {
  forgetPersisted,
  isPersisted,
  markPersisted,
  persistedKeyOf,
} from '../src/records/record-state';

class Customer {
  id?: number;
  name = 'Ada';
}

describe('the key a record was stored under', () => {
  it('is remembered per object and changes when marked again', () => {
    const a = new Customer();
    const b = new Customer();
    expect(isPersisted(a)).toBe(false);
    expect(persistedKeyOf(a)).toBeUndefined();
    markPersisted(a, 1);
    markPersisted(b, 2);
    expect([persistedKeyOf(a), persistedKeyOf(b)]).toEqual([1, 2]);
    markPersisted(a, 3);
    expect(persistedKeyOf(a)).toBe(3);
    expect(isPersisted(a)).toBe(true);
  });

  it('is invisible to JSON, spreading, Object.keys, symbols, util.inspect and structuredClone', () => {
    const record = Object.assign(new Customer(), { id: 7 });
    markPersisted(record, 7);
    expect(JSON.stringify(record)).toBe('{"name":"Ada","id":7}');
    expect({ ...record }).toEqual({ name: 'Ada', id: 7 });
    expect(Object.keys(record)).toEqual(['name', 'id']);
    expect(Object.getOwnPropertySymbols(record)).toEqual([]);
    expect(inspect(record)).toBe("Customer { name: 'Ada', id: 7 }");
    expect(structuredClone(record)).toEqual({ name: 'Ada', id: 7 });
    expect(isPersisted({ ...record })).toBe(false);
  });

  it('can be forgotten and marked again', () => {
    const record = new Customer();
    markPersisted(record, 'k1');
    forgetPersisted(record);
    expect(isPersisted(record)).toBe(false);
    expect(persistedKeyOf(record)).toBeUndefined();
    forgetPersisted(record);
    expect(isPersisted(record)).toBe(false);
    markPersisted(record, 'k2');
    expect(persistedKeyOf(record)).toBe('k2');
  });

  it('works on frozen objects, plain objects and proxies, and keeps undefined and null keys', () => {
    const frozen = Object.freeze({ id: 1 });
    markPersisted(frozen, 1);
    expect(persistedKeyOf(frozen)).toBe(1);
    const proxied = new Proxy({ id: 2 }, {});
    markPersisted(proxied, 2);
    expect(persistedKeyOf(proxied)).toBe(2);
    const plain = {};
    markPersisted(plain, null);
    expect(isPersisted(plain)).toBe(true);
    expect(persistedKeyOf(plain)).toBeNull();
  });
});
