import type { Type } from '@nestjs/common';

/** The model each derived DTO was built from (a composed class finds it through its parents). */
const models = new WeakMap<Function, Type<unknown>>();

export function linkModel(dto: Function, model: Type<unknown>): void {
  models.set(dto, model);
}

export function viewModelOf(dto: Function): Type<unknown> | undefined {
  for (let c: Function | null = dto; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const model = models.get(c);
    if (model) return model;
  }
  return undefined;
}
