import type { Type } from '@nestjs/common';

export interface ModelSubscriberOptions {
  /** Registry name; default the default registry. */
  registry?: string;
}

/** What `@ModelSubscriber()` records on a provider class. */
export interface ModelSubscriberMetadata extends ModelSubscriberOptions {
  models: Type<any>[];
}

/**
 * A provider that receives a model's lifecycle events, with the same names and arguments
 * as the model's static hooks. Every method is optional.
 */
export interface RegistersModelSubscriber<T = any> {
  beforeCreate?(data: Partial<T>): unknown;
  afterCreate?(record: T): unknown;
  beforeSave?(record: T): unknown;
  afterSave?(record: T): unknown;
  beforeDelete?(record: T): unknown;
  afterDelete?(record: T): unknown;
  beforeBulkCreate?(rows: Array<Partial<T>>): unknown;
  afterBulkCreate?(records: T[]): unknown;
}
