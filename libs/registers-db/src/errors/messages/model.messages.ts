/**
 * Messages of the ConfigurationError of a model declared wrongly (`@Model()` and `@Field()`
 * options, keys, columns, unique groups). They are the problem only: the metadata factory
 * prefixes `Model.field: ` (see configurationMessages.modelProblem).
 */
export const modelMessages = {
  invalidTableOption: (table: string) =>
    `table '${table}' is not a valid identifier (letters, digits, _; at most 63).`,

  invalidDefaultTableName: (table: string) =>
    `the default table name '${table}' is not a valid identifier; set @Model({ table }).`,

  keyOptionNotProperty: () => 'key must be a property name.',

  modelFlagNotBoolean: (flag: string) => `${flag} must be a boolean.`,

  uniqueOptionNotList: () =>
    "unique must be a list of fields or field groups, e.g. ['email'] or [['org', 'slug']].",

  fieldFlagNotBoolean: (flag: string) => `@Field({ ${flag} }) must be a boolean.`,

  unknownIdStrategy: (strategies: readonly string[], got: string) =>
    `@Field({ id }) must be one of ${strategies.join(', ')} (got '${got}').`,

  sizeNotPositive: (option: string) => `@Field({ ${option} }) must be a positive integer.`,

  unknownBigintMode: (modes: readonly string[], got: string) =>
    `@Field({ bigintMode }) must be one of ${modes.join(', ')} (got '${got}').`,

  scaleNegative: () => '@Field({ scale }) must be a non-negative integer.',

  invalidColumnName: (column: string) => `column '${column}' is not a valid identifier.`,

  foreignKeyFormat: (got: string) => `foreignKey must be written 'table.column' (got '${got}').`,

  hashedAndEncrypted: () => 'a field cannot both hash passwords and be encrypted.',

  idOnNonKey: (strategy: string) =>
    `@Field({ id: '${strategy}' }) is only allowed on the key field.`,

  hashPasswordNeedsString: (type: string) =>
    `hashPassword needs a string field (this one is ${type}).`,

  autoincrementNeedsInteger: () =>
    "id: 'autoincrement' needs an integer key (declare it `id?: number`).",

  autoincrementNeedsOptional: () =>
    "id: 'autoincrement' needs an optional key: the database assigns it.",

  autoincrementTakesNoDefault: () => "id: 'autoincrement' keys take no default.",

  uuid4NeedsString: () => "id: 'uuid4' needs a string UUID key (declare it `id?: string`).",

  uuid4NeedsOptional: () => "id: 'uuid4' needs an optional key: it is generated before insert.",

  optionalKeyNeedsStrategy: () =>
    "an optional key needs an explicit id strategy: @Field({ id: 'autoincrement' }) or @Field({ id: 'uuid4' }); 'manual' keys are required.",

  /** `enumValues`: the values of an enum column (listed only for one). */
  defaultDoesNotFit: (value: unknown, type: string, enumValues?: readonly (string | number)[]) =>
    `default ${JSON.stringify(value)} does not fit a ${type} column${type === 'enum' ? ` (values: ${enumValues!.join(', ')})` : ''}.`,

  keyNotStored: (key: string) =>
    `key field '${key}' is not a stored field of the model; declare it or set @Model({ key }).`,

  columnShared: (otherProperty: string, property: string, column: string) =>
    `fields '${otherProperty}' and '${property}' both map to column '${column}'.`,

  emptyUniqueGroup: () => 'unique contains an empty group.',

  uniqueGroupRepeatsField: (group: readonly unknown[]) =>
    `unique group [${group.join(', ')}] duplicates a field.`,

  uniqueFieldNotStored: (property: string) =>
    `unique field '${property}' is not a stored field of the model.`,

  uniqueGroupDeclaredTwice: (group: readonly unknown[]) =>
    `unique declares [${group.join(', ')}] more than once (duplicates).`,
};
