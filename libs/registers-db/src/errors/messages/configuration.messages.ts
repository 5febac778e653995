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

  adoptedNotInitialized: (type: string) =>
    `The ${type} DataSource given as \`dataSource\` is not initialized: await dataSource.initialize() first (with @nestjs/typeorm, inject it with getDataSourceToken()).`,

  adoptedUnsupportedType: (type: string) =>
    `A TypeORM DataSource of type '${type}' cannot be adopted: use better-sqlite3, postgres, mysql or mariadb.`,

  adoptedUnsupportedDriver: (type: string, fix: string) =>
    `The ${type} DataSource given as \`dataSource\` runs on a driver this library cannot share: ${fix}.`,

  adoptedWithUrl: () =>
    'Give a registry either `url` or `dataSource`, not both: an adopted DataSource already says which database.',

  entityManagerOutsideTransaction: (registry: string) =>
    `registry.entityManager() of registry '${registry}' is only valid inside registry.transaction(fn) or registry.withEntityManager(em, fn); call it in the callback.`,

  entityManagerWithoutDataSource: (registry: string) =>
    `registry.entityManager() of registry '${registry}' needs its TypeORM DataSource: adopt one ({ dataSource }) or await registry.connection.dataSource() once first.`,

  joinNeedsTransaction: (registry: string) =>
    `registry.withEntityManager(em, fn) of registry '${registry}' needs the EntityManager of a running transaction (dataSource.transaction(async (em) => …)).`,

  joinOtherDataSource: (registry: string) =>
    `registry.withEntityManager(em, fn): the EntityManager belongs to another DataSource than the one registry '${registry}' adopted; pass that DataSource as \`dataSource\`.`,

  settingWithFile: (variable: string) =>
    `Both ${variable} and ${variable}_FILE are set: keep one of them.`,

  unreadableSettingFile: (variable: string, file: string, code: string) =>
    `Cannot read ${variable}_FILE '${file}' (${code}): mount the secret there or unset ${variable}_FILE.`,

  overridesNeedUrl: (variables: readonly string[]) =>
    `${variables.join(', ')} ${variables.length === 1 ? 'is' : 'are'} set but REGISTERS_DATABASE_URL is not: set it (e.g. postgres://db/app) to say which database these change.`,

  overridesNeedServer: (variables: readonly string[], redactedUrl: string) =>
    `${variables.join(', ')} cannot change the SQLite URL "${redactedUrl}"; unset ${variables.length === 1 ? 'it' : 'them'} (REGISTERS_DATABASE_NAME sets the file).`,

  invalidSetting: (variable: string, problem: string) => `${variable}: ${problem}.`,
};
