import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { RegistersModelSubscriber } from './interfaces/model-subscriber.interface';

const EMPTY: readonly RegistersModelSubscriber[] = Object.freeze([]);
// Keyed by the registry's own copy of the metadata, so registries never share subscribers.
const subscribers = new WeakMap<ModelMetadata, RegistersModelSubscriber[]>();

export function addModelSubscriber(
  meta: ModelMetadata,
  subscriber: RegistersModelSubscriber,
): void {
  const list = subscribers.get(meta);
  if (!list) subscribers.set(meta, [subscriber]);
  else if (!list.includes(subscriber)) list.push(subscriber);
}

/** Subscribers of a registered model, in the order they were added (empty when none). */
export function modelSubscribers(meta: ModelMetadata): readonly RegistersModelSubscriber[] {
  return subscribers.get(meta) ?? EMPTY;
}
