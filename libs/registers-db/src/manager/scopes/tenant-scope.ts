import { AsyncLocalStorage } from 'node:async_hooks';

export type TenantValue = string | number;

interface TenantFrame {
  tenant?: TenantValue;
  unscoped: boolean;
}

const frames = new AsyncLocalStorage<TenantFrame>();

/**
 * Runs `fn` for one tenant: every manager call of a model with `tenantField` inside it
 * reads and writes only that tenant's rows, and creates fill the field.
 */
export function tenantScope<R>(tenant: TenantValue, fn: () => R | Promise<R>): Promise<R> {
  if ((typeof tenant !== 'string' || tenant === '') && !Number.isSafeInteger(tenant)) {
    throw new TypeError('tenantScope needs a non-empty string or an integer tenant');
  }
  return Promise.resolve(frames.run({ tenant, unscoped: false }, fn));
}

/** Runs `fn` across all tenants (maintenance, migrations): tenant models are not filtered. */
export function unscoped<R>(fn: () => R | Promise<R>): Promise<R> {
  return Promise.resolve(frames.run({ unscoped: true }, fn));
}

/** The current flow's tenant frame, if any. */
export function currentTenantFrame(): Readonly<TenantFrame> | undefined {
  return frames.getStore();
}
