export type {
  ModelSubscriberMetadata,
  ModelSubscriberOptions,
} from '../../metadata/interfaces/model-subscriber-options.interface';

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
