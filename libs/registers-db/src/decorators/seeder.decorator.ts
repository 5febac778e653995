import { applyDecorators, Injectable } from '@nestjs/common';
import { SEEDER_METADATA } from '../constants';
import type { SeederOptions } from '../registry/interfaces/seeder.interface';

/**
 * Marks a provider as a seeder of a registry: its `seed(registry)` runs on `registry.seed()`
 * (and `db seed`) once per database, in `order`, then in module declaration order.
 */
export function Seeder(options: SeederOptions = {}): ClassDecorator {
  return applyDecorators(Injectable(), (target: Function) =>
    Reflect.defineMetadata(SEEDER_METADATA, { ...options }, target),
  );
}
