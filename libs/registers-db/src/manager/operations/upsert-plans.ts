import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { ModelContext } from './model-context';

export interface StatementPlan {
  sql: string;
  /** The fields whose values are bound, in placeholder order. */
  fields: FieldMetadata[];
}

/** Conflict targets of upserts and the cached single-row upsert statement per shape. */
export class UpsertPlans<T extends object> {
  private readonly uniqueGroups: FieldMetadata[][];
  private readonly singleRow = new Map<string, StatementPlan>();

  constructor(private readonly ctx: ModelContext<T>) {
    const { meta } = ctx;
    this.uniqueGroups = meta.unique.map((group) => group.map((p) => meta.fieldsByProperty.get(p)!));
  }

  /** The conflict target of an upsert row: the key when given, else a unique group it fills. */
  conflictOf(data: any): FieldMetadata[] | undefined {
    if (data[this.ctx.meta.key] != null) return [this.ctx.keyField];
    return this.uniqueGroups.find((group) => group.every((f) => data[f.property] != null));
  }

  /** Fields the statement binds: every field when the key is given, else the insert fields. */
  boundFields(conflict: FieldMetadata[]): FieldMetadata[] {
    return conflict[0] === this.ctx.keyField
      ? this.ctx.meta.fields
      : this.ctx.statements.insertFields;
  }

  /** The cached single-row upsert for a conflict target and the set of fields given. */
  singleRowPlan(conflict: FieldMetadata[], present: string[]): StatementPlan {
    const id = `${this.uniqueGroups.indexOf(conflict)}|${present.join(',')}`;
    let plan = this.singleRow.get(id);
    if (!plan) {
      const fields = this.boundFields(conflict);
      const update = this.updatableOnConflict(fields, conflict, new Set(present));
      plan = { sql: this.ctx.statements.upsert(fields, conflict, update, 1), fields };
      this.singleRow.set(id, plan);
    }
    return plan;
  }

  /** Fields an upsert overwrites on conflict: those given, minus the key, conflict, createdAt and the tenant. */
  updatableOnConflict(
    fields: FieldMetadata[],
    conflict: FieldMetadata[],
    present: Set<string>,
  ): FieldMetadata[] {
    if (this.ctx.meta.timestamps) present.add('updatedAt');
    const tenantField = this.ctx.tenancy?.field;
    // The tenant of a row never changes by upsert: a conflict with another tenant's row is then detected.
    return fields.filter(
      (f) =>
        present.has(f.property) &&
        !f.isKey &&
        !conflict.includes(f) &&
        f.property !== 'createdAt' &&
        f !== tenantField,
    );
  }
}
