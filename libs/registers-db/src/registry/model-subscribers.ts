import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { RegistersModelSubscriber } from './interfaces/model-subscriber.interface';

const EMPTY: readonly RegistersModelSubscriber[] = Object.freeze([]);
// Keyed by the registry's own copy of the metadata, so registries never share subscribers.
const subscribers = new WeakMap<ModelMetadata, RegistersModelSubscriber[]>();

/** Records a subscriber of a registered model; false when it was already there. */
export function addModelSubscriber(
  meta: ModelMetadata,
  subscriber: RegistersModelSubscriber,
): boolean {
  const list = subscribers.get(meta);
  if (!list) subscribers.set(meta, [subscriber]);
  else if (list.includes(subscriber)) return false;
  else list.push(subscriber);
  return true;
}

/** Subscribers of a registered model, in the order they were added (empty when none). */
export function modelSubscribers(meta: ModelMetadata): readonly RegistersModelSubscriber[] {
  return subscribers.get(meta) ?? EMPTY;
}
