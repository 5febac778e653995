import { MODEL_HOOK_NAMES } from '../constants';

export type ModelHookName = (typeof MODEL_HOOK_NAMES)[number];

/** An object with any of the hook methods (a `@ModelSubscriber` provider, for example). */
export type ModelSubscriberLike = Partial<Record<ModelHookName, (arg: any) => unknown>>;

/**
 * The lifecycle hooks of one model: the class's static methods (`static beforeCreate(data)`
 * …), then subscribers in the order they subscribed. They run inside the write's
 * transaction; a throw rolls the write back. A `before…` hook may return a replacement for
 * its argument, which the next hook and the write receive.
 */
export class ModelHooks {
  private readonly statics = new Map<ModelHookName, (arg: unknown) => unknown>();
  private readonly subscribers: ModelSubscriberLike[] = [];

  constructor(target: Function) {
    for (const name of MODEL_HOOK_NAMES) {
      const hook = (target as any)[name];
      if (typeof hook === 'function') this.statics.set(name, hook.bind(target));
    }
  }

  get any(): boolean {
    return this.statics.size > 0 || this.subscribers.length > 0;
  }

  has(name: ModelHookName): boolean {
    return this.statics.has(name) || this.subscribers.some((s) => typeof s[name] === 'function');
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(subscriber: ModelSubscriberLike): () => void {
    this.subscribers.push(subscriber);
    return () => {
      const at = this.subscribers.indexOf(subscriber);
      if (at >= 0) this.subscribers.splice(at, 1);
    };
  }

  /** Runs a hook everywhere it is defined; returns the last replacement given, else `arg`. */
  async run<A>(name: ModelHookName, arg: A): Promise<A> {
    let current = arg;
    const hook = this.statics.get(name);
    if (hook) current = ((await hook(current)) as A | undefined) ?? current;
    for (const subscriber of this.subscribers) {
      const method = subscriber[name];
      if (typeof method === 'function')
        current = ((await method.call(subscriber, current)) as A | undefined) ?? current;
    }
    return current;
  }
}
