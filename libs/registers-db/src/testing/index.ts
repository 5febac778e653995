// @registers/db/testing: helpers for tests of applications that use @registers/db.
export { createTestRegistry, TestRegistry } from './create-test-registry';
export type { TestRegistryOptions } from './create-test-registry';
export { factory, ModelFactory } from './factory';
export type { FactoryOptions, FactoryValue, FactoryValues } from './factory';
export { assertQueryCount } from './assert-query-count';
export type { QueryCountExpectation } from './assert-query-count';
