/**
 * Messages of ConfigurationError and ModelRegistrationError: options, URLs, registration,
 * seeders, migrations and the testing helpers set up wrongly. Called only when throwing.
 */
export const configurationMessages = {
  notAClass: (got: string) => `Only classes can be registered as models (got ${got}).`,

  notAModel: (model: string) => `${model} is not a model: decorate the class with @Model().`,

  /** `Model.field: problem` (or `Model: problem`), for a model's declared metadata. */
  modelProblem: (model: string, field: string | undefined, problem: string) =>
    `${model}${field ? `.${field}` : ''}: ${problem}`,

  unknownTenantField: (model: string, field: string) =>
    `${model}: tenantField '${field}' is not a stored field of the model.`,

  reservedFieldName: (model: string, property: string) =>
    `${model}.${property}: the field name '${property}' is already defined by records or managers; rename the field.`,

  unknownColumnType: (model: string, property: string, type: string, known: readonly string[]) =>
    `${model}.${property}: unknown column type '${type}' (use one of: ${known.join(', ')}).`,

  enumNeedsValues: (model: string, property: string) =>
    `${model}.${property}: an enum column needs its values from @IsEnum() or @IsIn().`,

  unknownDialect: (dialect: string) => `Unknown database dialect "${dialect}"`,

  sqliteFolder: (folder: string, file: string, code: string) =>
    `Cannot create the folder '${folder}' for the SQLite file '${file}' (${code}): create it, or point the URL at a writable place.`,

  urlRequired: () => 'A database URL is required (e.g. "sqlite:data/app.db").',

  unsupportedUrl: (redactedUrl: string) =>
    `Unsupported database URL "${redactedUrl}": use sqlite:, postgres:// or mysql:// (MariaDB).`,

  tableInUse: (model: string, table: string, otherModel: string, registry: string) =>
    `${model}: table '${table}' is already used by ${otherModel} in registry '${registry}'.`,

  foreignKeyNamesNoColumn: (
    model: string,
    property: string,
    table: string,
    column: string,
    target: string,
  ) => `${model}.${property}: foreignKey '${table}.${column}' names no column of ${target}.`,

  notRegistered: (model: string, registry: string) =>
    `${model} is not registered in registry '${registry}'; call register(${model}) first.`,

  missingEncryptionKey: (model: string, keyEnvironmentVariable: string) =>
    `${model} has encrypted fields but no key: give the manager a FieldCipher or set ${keyEnvironmentVariable}`,

  seederAlreadyAdded: (seeder: string, registry: string) =>
    `Seeder '${seeder}' is already added to registry '${registry}'.`,

  unknownSeeders: (seeders: string[], registry: string) =>
    `Unknown seeder(s) ${seeders.join(', ')} in registry '${registry}'.`,

  invalidMigrationName: (name: string) =>
    `Migration name '${name}' must start with a letter and use letters, digits, '-' or '_'.`,

  invalidMigrationExtension: (extension: string) =>
    `RegistersDbCommandsModule: migrationExtension must be 'ts' or 'js', not '${extension}'.`,

  unknownCommandRegistry: (registry: string) =>
    `RegistersDbCommandsModule: no database registry '${registry}'. Import RegistersDbModule.forRoot(${
      registry === 'default' ? '' : `{ name: '${registry}' }`
    }) in the console module.`,

  asyncOptionsNeedProvider: () =>
    'RegistersDbModule.forRootAsync needs useFactory, useClass or useExisting.',

  invalidQueryCountOption: (option: string) =>
    `assertQueryCount: ${option} must be a whole number >= 0`,

  queryCountNeedsLimit: () => 'assertQueryCount needs { max } or { exact }',

  noRegistryToCount: () =>
    'assertQueryCount: no registry to count on; create one with createTestRegistry or pass { registry }',

  noLiveTestRegistry: (helper: string, model: string) =>
    `${helper}: no live test registry has ${model} registered; create one with createTestRegistry([${model}]) or pass { registry }`,

  ambiguousTestRegistry: (helper: string, count: number, model: string) =>
    `${helper}: ${count} live test registries have ${model} registered; pass { registry } to choose one`,
};
