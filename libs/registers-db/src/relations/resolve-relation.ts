import type { Type } from '@nestjs/common';
import { RelationshipError } from '../errors';
import { relationMessages } from '../errors/messages';
import type {
  FieldMetadata,
  LogicalType,
  ModelMetadata,
} from '../interfaces/model-metadata.interface';
import { getModelMetadata } from '../metadata/model-metadata.factory';
import { resolveOrderBy } from '../query/compile-order-by';
import { relationDefinitions } from './relations-metadata.accessor';
import type { RelationDefinition, RelationKind } from './interfaces/relation-options.interface';

/**
 * A relation with its models resolved and its keys checked. Every kind loads the same way:
 * take `parentField` of each parent, find rows of `queried` whose `matchField` is one of
 * those values; many-to-many then follows `joinTargetField` to `targetKeyField`.
 */
export interface ResolvedRelation {
  name: string;
  kind: RelationKind;
  definition: RelationDefinition;
  source: ModelMetadata;
  target: ModelMetadata;
  through?: ModelMetadata;
  /** Field of the parent record whose value is looked up. */
  parentField: FieldMetadata;
  /** Field of the queried model (target, or join model) compared with the parents' values. */
  matchField: FieldMetadata;
  /** Many-to-many: field of the join model that holds the target's key. */
  joinTargetField?: FieldMetadata;
  /** Many-to-many: the target's key field. */
  targetKeyField?: FieldMetadata;
}

const resolved = new WeakMap<Function, Map<string, ResolvedRelation>>();

/** The named relation of a model, resolved and checked once (RelationshipError when wrong). */
export function resolveRelation(model: Function, name: string): ResolvedRelation {
  let byName = resolved.get(model);
  const hit = byName?.get(name);
  if (hit) return hit;
  const modelName = model.name || String(model);
  const definitions = relationDefinitions(model);
  const definition = typeof name === 'string' ? definitions.get(name) : undefined;
  if (!definition) {
    const known = [...definitions.keys()];
    throw new RelationshipError(relationMessages.unknownRelation(modelName, String(name), known), {
      model: modelName,
      relation: String(name),
    });
  }
  const relation = new RelationResolver(model as Type<unknown>, name, definition).resolve();
  if (!byName) resolved.set(model, (byName = new Map()));
  byName.set(name, relation);
  return relation;
}

/** Resolves every relation of a model, so misconfigured keys fail early. */
export function validateRelations(model: Function): ResolvedRelation[] {
  return [...relationDefinitions(model).keys()].map((name) => resolveRelation(model, name));
}

const NUMERIC: ReadonlySet<LogicalType> = new Set(['integer', 'bigint', 'double', 'decimal']);
const TEXTUAL: ReadonlySet<LogicalType> = new Set(['string', 'text', 'uuid', 'enum']);

function compatible(a: LogicalType, b: LogicalType): boolean {
  return a === b || (NUMERIC.has(a) && NUMERIC.has(b)) || (TEXTUAL.has(a) && TEXTUAL.has(b));
}

class RelationResolver {
  private readonly source: ModelMetadata;
  private readonly label: string;

  constructor(
    model: Type<unknown>,
    private readonly name: string,
    private readonly definition: RelationDefinition,
  ) {
    this.source = getModelMetadata(model);
    this.label = `${this.source.name}.${name}`;
  }

  private fail(message: string, field?: string, extra: Record<string, unknown> = {}): never {
    throw new RelationshipError(relationMessages.relationProblem(this.label, message), {
      model: this.source.name,
      relation: this.name,
      ...(field === undefined ? {} : { field }),
      ...extra,
    });
  }

  private model(thunk: unknown, role: string): ModelMetadata {
    let target: unknown;
    try {
      target = typeof thunk === 'function' ? (thunk as () => unknown)() : undefined;
    } catch (error) {
      this.fail(relationMessages.unresolvableModel(role, (error as Error)?.message ?? error));
    }
    if (typeof target !== 'function') this.fail(relationMessages.modelNotThunk(role));
    try {
      return getModelMetadata(target as Type<unknown>);
    } catch (error) {
      throw new RelationshipError(
        relationMessages.invalidRelationTarget(this.label, role, (target as Function).name),
        {
          model: this.source.name,
          relation: this.name,
        },
        { cause: error },
      );
    }
  }

  /** The stored field `property` of `meta`, or RelationshipError naming `option`. */
  private field(meta: ModelMetadata, property: unknown, option: string): FieldMetadata {
    const field = typeof property === 'string' ? meta.fieldsByProperty.get(property) : undefined;
    if (!field) {
      this.fail(
        relationMessages.notAFieldOf(
          option,
          String(property),
          meta.name,
          meta.fields.map((f) => f.property),
        ),
        String(property),
        { option, fieldOf: meta.name },
      );
    }
    return field;
  }

  private sameType(
    a: FieldMetadata,
    aOf: ModelMetadata,
    b: FieldMetadata,
    bOf: ModelMetadata,
    option: string,
  ): void {
    if (!compatible(a.type, b.type)) {
      this.fail(
        relationMessages.incompatibleFieldTypes(
          option,
          { model: aOf.name, property: a.property, type: a.type },
          { model: bOf.name, property: b.property, type: b.type },
        ),
        a.property,
        { option, fieldOf: aOf.name },
      );
    }
  }

  /** The relation's orderBy names sortable fields of the target. */
  private checkOrderBy(target: ModelMetadata, orderBy: unknown): void {
    if (orderBy === undefined) return;
    try {
      resolveOrderBy(target, orderBy);
    } catch (error) {
      const field = (error as { context?: { field?: string } }).context?.field;
      this.fail(relationMessages.orderByProblem((error as Error).message), field, {
        option: 'orderBy',
        fieldOf: target.name,
      });
    }
  }

  resolve(): ResolvedRelation {
    const d = this.definition;
    const target = this.model(d.target, 'target');
    const base = { name: this.name, kind: d.kind, definition: d, source: this.source, target };
    if (d.kind === 'one-to-many') {
      const matchField = this.field(target, d.foreignKey, 'foreignKey');
      const parentField = this.field(this.source, d.localKey ?? this.source.key, 'localKey');
      this.sameType(matchField, target, parentField, this.source, 'foreignKey');
      this.checkOrderBy(target, d.orderBy);
      return { ...base, parentField, matchField };
    }
    if (d.kind === 'many-to-one') {
      const parentField = this.field(this.source, d.localKey, 'localKey');
      const matchField = this.field(target, d.targetKey ?? target.key, 'targetKey');
      const identifies =
        matchField.isKey ||
        target.unique.some((group) => group.length === 1 && group[0] === matchField.property);
      if (!identifies) {
        this.fail(
          relationMessages.targetKeyNotUnique(matchField.property, target.name),
          matchField.property,
          {
            option: 'targetKey',
            fieldOf: target.name,
          },
        );
      }
      this.sameType(parentField, this.source, matchField, target, 'localKey');
      return { ...base, parentField, matchField };
    }
    const through = this.model(d.through, 'through');
    const matchField = this.field(through, d.sourceKey, 'sourceKey');
    const joinTargetField = this.field(through, d.targetKey, 'targetKey');
    const parentField = this.source.fieldsByProperty.get(this.source.key)!;
    const targetKeyField = target.fieldsByProperty.get(target.key)!;
    this.sameType(matchField, through, parentField, this.source, 'sourceKey');
    this.sameType(joinTargetField, through, targetKeyField, target, 'targetKey');
    this.checkOrderBy(target, d.orderBy);
    return { ...base, through, parentField, matchField, joinTargetField, targetKeyField };
  }
}
