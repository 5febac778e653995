import type { Type } from '@nestjs/common';

/** Options of `@ModelSubscriber()`. */
export interface ModelSubscriberOptions {
  /** Registry name; default the default registry. */
  registry?: string;
}

/** What `@ModelSubscriber()` records on a provider class. */
export interface ModelSubscriberMetadata extends ModelSubscriberOptions {
  models: Type<any>[];
}
