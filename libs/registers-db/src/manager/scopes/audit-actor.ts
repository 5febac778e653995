import { AsyncLocalStorage } from 'node:async_hooks';

const actors = new AsyncLocalStorage<string>();

/**
 * Runs `fn` with `actor` (e.g. `'user:123'`) recorded on every audit row its writes
 * produce. The scope follows the async flow of `fn` only.
 */
export function auditActor<R>(actor: string, fn: () => R | Promise<R>): Promise<R> {
  if (typeof actor !== 'string' || actor === '')
    throw new TypeError('auditActor needs a non-empty string');
  return Promise.resolve(actors.run(actor, fn));
}

/** The actor of the current async flow, if any. */
export function currentAuditActor(): string | undefined {
  return actors.getStore();
}
