import { applyDecorators, Injectable, type Type } from '@nestjs/common';
import { MODEL_SUBSCRIBER_METADATA } from '../constants';
import type {
  ModelSubscriberMetadata,
  ModelSubscriberOptions,
} from '../registry/interfaces/model-subscriber.interface';

/**
 * Marks a provider as a subscriber to the lifecycle events of `models` (DI-aware
 * counterpart of the static hooks). Discovered when the application initializes.
 */
export function ModelSubscriber(
  models: Type<any> | Type<any>[],
  options: ModelSubscriberOptions = {},
): ClassDecorator {
  const metadata: ModelSubscriberMetadata = {
    ...options,
    models: Array.isArray(models) ? models : [models],
  };
  return applyDecorators(Injectable(), (target: Function) =>
    Reflect.defineMetadata(MODEL_SUBSCRIBER_METADATA, metadata, target),
  );
}
