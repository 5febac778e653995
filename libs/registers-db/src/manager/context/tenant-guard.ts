import { InvalidQueryError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../../interfaces/model-metadata.interface';
import { currentTenantFrame } from '../scopes/tenant-scope';
import { errorContext } from './error-context';

/** Tenant models: which tenant the current flow works for, and the checks that follow from it. */
export class TenantGuard<T extends object> {
  /** The model's tenant field, or undefined for models without tenancy. */
  readonly field?: FieldMetadata;

  constructor(private readonly meta: ModelMetadata<T>) {
    this.field = meta.tenantField ? meta.fieldsByProperty.get(meta.tenantField) : undefined;
  }

  /**
   * The tenant the current flow works for, or undefined inside unscoped() (and for models
   * without tenancy). Outside both, the operation is refused.
   */
  current(operation: string): { value: unknown } | undefined {
    if (!this.field) return undefined;
    const frame = currentTenantFrame();
    if (frame?.unscoped) return undefined;
    if (frame?.tenant === undefined) {
      throw new InvalidQueryError(
        queryMessages.outsideTenantScope(this.meta.name, operation),
        errorContext(this.meta, operation, { field: this.field.property }),
      );
    }
    return { value: frame.tenant };
  }

  /** Fills the tenant field of input data, refusing a different tenant. */
  fill(data: unknown, operation: string): any {
    const tenant = this.current(operation);
    if (!tenant || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
    const property = this.field!.property;
    const given = (data as any)[property];
    if (given !== undefined && given !== null && String(given) !== String(tenant.value)) {
      throw new InvalidQueryError(
        queryMessages.fieldOfOtherTenant(this.meta.name, operation, property),
        errorContext(this.meta, operation, { field: property }),
      );
    }
    return { ...(data as object), [property]: tenant.value };
  }

  /** Refuses to touch a record (or key row) of another tenant. */
  assertOwns(record: unknown, operation: string): void {
    const tenant = this.current(operation);
    if (!tenant) return;
    const property = this.field!.property;
    if (String((record as any)?.[property]) !== String(tenant.value)) {
      throw new InvalidQueryError(
        queryMessages.recordOfOtherTenant(this.meta.name, operation),
        errorContext(this.meta, operation, { field: property }),
      );
    }
  }
}
