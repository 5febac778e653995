import { MODEL_HOOK_NAMES } from '../constants';

export type ModelHookName = (typeof MODEL_HOOK_NAMES)[number];

/**
 * The static lifecycle hooks a model class defines (`static beforeCreate(data)` …), read
 * once. They run inside the write's transaction; a throw rolls the write back. A
 * `before…` hook may return a replacement for its argument.
 */
export class ModelHooks {
  private readonly hooks = new Map<ModelHookName, (arg: unknown) => unknown>();

  constructor(target: Function) {
    for (const name of MODEL_HOOK_NAMES) {
      const hook = (target as any)[name];
      if (typeof hook === 'function') this.hooks.set(name, hook.bind(target));
    }
  }

  get any(): boolean {
    return this.hooks.size > 0;
  }

  has(name: ModelHookName): boolean {
    return this.hooks.has(name);
  }

  /** Runs a hook; returns its result when it gave one, else `arg`. */
  async run<A>(name: ModelHookName, arg: A): Promise<A> {
    const hook = this.hooks.get(name);
    if (!hook) return arg;
    const result = await hook(arg);
    return result === undefined ? arg : (result as A);
  }
}
