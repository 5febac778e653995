import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { ModelStatements } from '../model-statements';
import type { ModelFacts } from './model-facts';

export interface StatementPlan {
  sql: string;
  /** The fields whose values are bound, in placeholder order. */
  fields: FieldMetadata[];
  /** The fields RETURNING gives, when not whole rows (see leanSingleRowPlan). */
  returned?: FieldMetadata[];
}

/** A single-row upsert that reads back only some fields (see UpsertPlans.leanSingleRowPlan). */
export interface LeanUpsertPlan extends StatementPlan {
  /** The fields RETURNING gives, whose stored values may differ from the bound ones. */
  returned: FieldMetadata[];
}

/** Conflict targets of upserts and the cached single-row upsert statements per shape. */
export class UpsertPlans<T extends object> {
  private readonly uniqueGroups: FieldMetadata[][];
  private readonly keyConflict: FieldMetadata[];
  private readonly singleRow = new Map<number | string, StatementPlan>();
  private readonly leanRow = new Map<number | string, StatementPlan>();

  constructor(
    private readonly model: ModelFacts<T>,
    private readonly statements: ModelStatements,
  ) {
    const { meta } = model;
    this.keyConflict = [model.keyField];
    this.uniqueGroups = meta.unique.map((group) => group.map((p) => meta.fieldsByProperty.get(p)!));
  }

  /**
   * The conflict target of an upsert row: the key when given, else a unique group it fills;
   * none for input that is not an object (validation refuses it).
   */
  conflictOf(data: any): FieldMetadata[] | undefined {
    if (data === null || typeof data !== 'object') return undefined;
    if (data[this.model.meta.key] != null) return this.keyConflict;
    // Plain loops: this runs on every upsert, and callbacks would allocate closures.
    for (const group of this.uniqueGroups) {
      let filled = true;
      for (let i = 0; i < group.length && filled; i++) filled = data[group[i].property] != null;
      if (filled) return group;
    }
    return undefined;
  }

  /** Fields the statement binds: every field when the key is given, else the insert fields. */
  boundFields(conflict: FieldMetadata[]): FieldMetadata[] {
    return conflict[0] === this.model.keyField
      ? this.model.meta.fields
      : this.statements.insertFields;
  }

  /** The cached single-row upsert for a conflict target and the fields `input` has as own keys; it returns whole rows. */
  singleRowPlan(conflict: FieldMetadata[], input: object): StatementPlan {
    return this.cachedPlan(conflict, input, false);
  }

  /**
   * singleRowPlan for a write that keeps its validated record: the statement leaves every
   * field it updates on a conflict equal to its bound value, inserted or updated, so
   * RETURNING gives only the others (the key, the conflict target, createdAt, the fields
   * absent from the input, which keep their stored values on a conflict). The values then
   * come from the bound record, as a create's do; a narrow row is cheaper for the server to
   * send and for the driver to read (on SQLite, RETURNING the key alone instead of six
   * columns took 8 % off the statement).
   */
  leanSingleRowPlan(conflict: FieldMetadata[], input: object): LeanUpsertPlan {
    return this.cachedPlan(conflict, input, true) as LeanUpsertPlan;
  }

  private cachedPlan(conflict: FieldMetadata[], input: object, lean: boolean): StatementPlan {
    const cache = lean ? this.leanRow : this.singleRow;
    const id = this.shapeId(conflict, input);
    let plan = cache.get(id);
    if (!plan) {
      const fields = this.boundFields(conflict);
      const update = this.updatableOnConflict(fields, conflict, new Set(Object.keys(input)));
      const returned = lean ? this.model.meta.fields.filter((f) => !update.includes(f)) : undefined;
      plan = {
        sql: this.statements.upsert(fields, conflict, update, 1, returned),
        fields,
        returned,
      };
      cache.set(id, plan);
    }
    return plan;
  }

  /**
   * The cache key of a single-row upsert: a number (bits 6 and up: which fields `input` has
   * as own keys; below: the conflict group, -1 for the key) so the hot path builds no
   * strings; models of more than 24 fields or 62 unique groups use a text key.
   */
  private shapeId(conflict: FieldMetadata[], input: object): number | string {
    const fields = this.model.meta.fields;
    const group = this.uniqueGroups.indexOf(conflict);
    if (fields.length > 24 || this.uniqueGroups.length > 62)
      return `${group}|${Object.keys(input).join(',')}`;
    let id = group + 1;
    for (let i = 0; i < fields.length; i++)
      if (Object.prototype.hasOwnProperty.call(input, fields[i].property)) id += 2 ** (i + 6);
    return id;
  }

  /** Fields an upsert overwrites on conflict: those given, minus the key, conflict, createdAt and the tenant. */
  updatableOnConflict(
    fields: FieldMetadata[],
    conflict: FieldMetadata[],
    present: Set<string>,
  ): FieldMetadata[] {
    if (this.model.meta.timestamps) present.add('updatedAt');
    const tenantField = this.model.tenancy.field;
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
