/**
 * Messages of RelationshipError: relations declared or used in a way that cannot work.
 * `label` is `Model.relation`.
 */
export const relationMessages = {
  /** `known`: the model's relations; with none, the message says how to declare one. */
  unknownRelation: (model: string, relation: string, known: readonly string[] = []) =>
    `${model} has no relation '${relation}'${known.length ? ` (relations: ${known.join(', ')})` : ' (declare it with defineRelations)'}`,

  /** `Model.relation: problem`, for a relation definition that cannot be resolved. */
  relationProblem: (label: string, problem: string) => `${label}: ${problem}`,

  unresolvableModel: (role: string, reason: unknown) =>
    `the ${role} model could not be resolved (${reason})`,

  modelNotThunk: (role: string) => `the ${role} must be given as () => ModelClass`,

  notAFieldOf: (option: string, property: string, model: string, fields: readonly string[]) =>
    `${option} '${property}' is not a field of ${model} (fields: ${fields.join(', ')})`,

  /** `a` is `Model.property (type)` of the field that would hold values of `b`. */
  incompatibleFieldTypes: (
    option: string,
    a: { model: string; property: string; type: string },
    b: { model: string; property: string; type: string },
  ) =>
    `${option} ${a.model}.${a.property} (${a.type}) cannot hold values of ${b.model}.${b.property} (${b.type})`,

  orderByProblem: (problem: string) => `orderBy: ${problem}`,

  targetKeyNotUnique: (property: string, target: string) =>
    `targetKey '${property}' must be the key or a unique field of ${target}`,

  invalidRelationTarget: (label: string, role: string, targetName: string) =>
    `${label}: the ${role} ${targetName || 'class'} is not a valid @Model class`,

  defineRelationsNotModel: (model: string) =>
    `defineRelations: ${model} is not a valid @Model class`,

  relationsNotObject: (model: string) =>
    `defineRelations(${model}): relations must be an object of OneToMany/ManyToOne/ManyToMany`,

  invalidRelationName: (model: string, relation: string) =>
    `${model}: '${relation}' cannot name a relation`,

  relationNamesField: (model: string, relation: string) =>
    `${model}: relation '${relation}' has the name of a field`,

  relationAlreadyDefined: (model: string, relation: string) =>
    `${model}: relation '${relation}' is already defined`,

  invalidRelationDefinition: (model: string, relation: string) =>
    `${model}.${relation}: use OneToMany(() => Target, …), ManyToOne(() => Target, …) or ManyToMany(() => Target, …)`,

  loadRelatedNeedsRecord: (got: unknown) =>
    `loadRelated needs a record, got ${got === null ? 'null' : typeof got}`,

  prefetchNeedsArray: () => `prefetch needs an array of records`,

  prefetchNeedsManagerRecords: () => `prefetch needs records returned by a manager`,

  prefetchMixedRecords: (label: string, rowIndex: number) =>
    `${label}: prefetch needs records of one model from one manager (row ${rowIndex} differs)`,

  recordOutsideRegistry: (label: string, model: string) =>
    `${label}: this ${model} was not returned by a manager of a registry that relations know; ` +
    'load records through a registry manager',

  notRegisteredInScope: (label: string, model: string, registry: string) =>
    `${label}: ${model} is not registered in registry '${registry}'`,

  /** A DatabaseError: the related rows could not be read (`driverCode`, if the driver has one). */
  loadFailed: (label: string, driverCode: unknown) =>
    `${label}: loading the related records failed: database error${driverCode ? ` ${String(driverCode)}` : ''}`,
};
