import type { Type } from '@nestjs/common';
import type { EntityManager, EntitySchema } from 'typeorm';
import type { DatabaseConnection } from '../connection/database-connection';
import { DEFAULT_REGISTRY_NAME } from '../constants';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { Manager } from '../manager/manager';
import { cloneModelMetadata, getModelMetadata } from '../metadata/model-metadata.factory';
import type { GenerateMigrationOptions } from '../migrations/interfaces/migration.interfaces';
import { Migrator } from '../migrations/migrator';
import { linkRelations } from '../relations/relation-scope';
import { validateRelations } from '../relations/resolve-relation';
import { ddlFor } from '../dialects';
import { buildEntitySchema } from '../schema/entity-schema.builder';
import { ModelSchema } from '../schema/model-schema';
import { FieldCipher } from '../security/encryption';
import type {
  AddSeederOptions,
  SeedRunOptions,
  SeederOf,
} from '../seeding/interfaces/seeder.interfaces';
import { SeedRunner } from '../seeding/seed-runner';
import { SchemaSync } from '../sync/schema-sync';
import { databaseHealth } from './database-health';
import type { DatabaseRegistryOptions } from './interfaces/database-registry-options.interface';
import type { RegistersModelSubscriber } from './interfaces/model-subscriber.interface';
import { addModelSubscriber } from './model-subscribers';
import { RegisteredModels, type RegisteredModel } from './registered-models';
import { assertForeignKeys, assertTableFree } from './registration-checks';
import { registryConnection } from './registry-connection';

/**
 * Models of one database: their metadata, schema helpers and one Manager each. Nothing
 * connects until a manager or schema method runs; with autoCreate, missing tables of all
 * registered models are created (in foreign-key order) right before first use.
 *
 * Schema work lives in three collaborators: `sync` (createAll, drift checks, additive
 * migration), `migrations` (TypeORM migration files) and `seeds` (seeders and their ledger).
 */
export class DatabaseRegistry {
  readonly name: string;
  readonly connection: DatabaseConnection;
  readonly autoCreate: boolean;
  /** Tables without migration files: createAll, diff, check, additive migrate, the schema ledger. */
  readonly sync: SchemaSync;
  /** TypeORM migrations: generate from the models, run, revert, status. */
  readonly migrations: Migrator;
  /** Seeders: add, names, run once per database. */
  readonly seeds: SeedRunner<DatabaseRegistry>;
  private readonly ownsConnection: boolean;
  private readonly registered = new RegisteredModels();
  /** The cipher given by the `encryption` option, shared by the models with encrypted fields. */
  private readonly fieldCipher?: FieldCipher;

  constructor(options: DatabaseRegistryOptions = {}) {
    this.name = options.name ?? DEFAULT_REGISTRY_NAME;
    this.autoCreate = options.autoCreate ?? true;
    if (options.encryption) this.fieldCipher = new FieldCipher(options.encryption);
    this.ownsConnection = !options.connection;
    this.connection =
      options.connection ?? registryConnection(options, this.name, () => this.entitySchemas());
    this.sync = new SchemaSync({
      name: this.name,
      connection: this.connection,
      autoCreate: this.autoCreate,
      models: this.registered,
    });
    this.migrations = new Migrator(this.connection);
    this.seeds = new SeedRunner<DatabaseRegistry>(this);
  }

  get dialect() {
    return this.connection.dialect;
  }

  /**
   * Registers models (validating them and their relations: ModelRegistrationError /
   * ConfigurationError / RelationshipError).
   * Registering a model again is a no-op. Opens nothing.
   */
  register(...models: Array<Type<any> | Type<any>[]>): this {
    const built = models.flat().map((target) => {
      if (this.registered.has(target)) return undefined;
      const meta = cloneModelMetadata(getModelMetadata(target));
      assertTableFree(this.registered, meta, this.name);
      return meta;
    });
    assertForeignKeys(
      this.registered,
      built.filter((m): m is ModelMetadata => m !== undefined),
    );
    for (const meta of built) if (meta) validateRelations(meta.target);
    for (const meta of built) {
      if (!meta || this.registered.has(meta.target)) continue;
      const schema = new ModelSchema(meta, this.connection, { prepare: () => this.prepare() });
      const manager = new Manager(meta, this.connection, schema);
      if (this.fieldCipher && meta.fields.some((f) => f.encrypted))
        manager.useFieldCipher(this.fieldCipher);
      this.registered.add({ target: meta.target, meta, schema, manager });
    }
    linkRelations(this);
    return this;
  }

  isRegistered(model: Function): boolean {
    return this.registered.has(model);
  }

  /** Registered model classes, in registration order. */
  models(): Type<any>[] {
    return this.registered.classes() as Type<any>[];
  }

  private entry(model: Function): RegisteredModel {
    const entry = this.registered.get(model);
    if (!entry) {
      const name = typeof model === 'function' ? model.name : String(model);
      throw new ConfigurationError(configurationMessages.notRegistered(name, this.name), {
        model: name,
      });
    }
    return entry;
  }

  /** The one Manager of a registered model. */
  manager<T extends object>(model: Type<T>): Manager<T> {
    return this.entry(model).manager as Manager<T>;
  }

  metadata<T>(model: Type<T>): ModelMetadata<T> {
    return this.entry(model).meta as ModelMetadata<T>;
  }

  schema<T>(model: Type<T>): ModelSchema<T> {
    return this.entry(model).schema as ModelSchema<T>;
  }

  /** TypeORM entity schemas of the registered models (for the DataSource and migrations). */
  entitySchemas(): EntitySchema[] {
    const entries = this.registered.all();
    if (entries.length === 0) return [];
    const ddl = ddlFor(this.connection.dialect);
    return entries.map(({ meta }) =>
      buildEntitySchema(meta, ddl, (table) => this.registered.byTable(table)?.meta),
    );
  }

  /**
   * Makes every registered table ready for use: with autoCreate, creates the missing ones
   * (models with `autoCreate: false` are left alone). Called lazily by managers.
   */
  prepare(): Promise<void> {
    return this.sync.prepare();
  }

  /**
   * Adds a subscriber to a registered model's lifecycle events (the Nest module adds the
   * discovered `@ModelSubscriber()` providers). Its methods run after the static hooks.
   */
  addSubscriber<T extends object>(model: Type<T>, subscriber: RegistersModelSubscriber<T>): this {
    const entry = this.entry(model);
    if (addModelSubscriber(entry.meta, subscriber)) entry.manager.subscribe(subscriber);
    return this;
  }

  /**
   * Whether the database answers (`SELECT 1` within `timeoutMs`, default 5000). The error
   * is the driver's message; the URL in `database` has its password masked.
   */
  health(options: { timeoutMs?: number } = {}) {
    return databaseHealth(this.connection, options);
  }

  /**
   * Runs `fn` in a transaction of this registry's connection (every manager call inside
   * joins it; nested calls use savepoints). Tables are made ready before it begins.
   */
  async transaction<R>(fn: () => Promise<R> | R): Promise<R> {
    await this.prepare();
    return this.connection.transaction(fn);
  }

  /**
   * Runs `fn` inside the application's TypeORM transaction (`dataSource.transaction(async
   * (em) => registry.withEntityManager(em, fn))`): every manager call of `fn` runs on `em`'s
   * connection, so both commit or roll back together; the application's transaction decides.
   * Tables are made ready before joining (schema statements never run inside it).
   */
  async withEntityManager<R>(manager: EntityManager, fn: () => Promise<R> | R): Promise<R> {
    await this.prepare();
    return this.connection.join(manager, fn);
  }

  /**
   * The TypeORM EntityManager of the running transaction (`registry.transaction(fn)` or
   * `withEntityManager`), for the application's repositories to write inside it. Valid only
   * in the callback; with an adopted DataSource (or after `connection.dataSource()`).
   */
  entityManager(): EntityManager {
    return this.connection.entityManager();
  }

  /**
   * Closes the connection (when the registry opened it; an adopted DataSource stays open).
   * A later use opens it again.
   */
  async dispose(): Promise<void> {
    for (const e of this.registered.all()) e.schema.markReady(false);
    if (this.ownsConnection) await this.connection.close();
  }

  // ------------------------------------------- the names from before sync / migrations / seeds

  /** Same as `sync.createAll()`. */
  createAll() {
    return this.sync.createAll();
  }

  /** Same as `sync.checksum()`. */
  schemaChecksum() {
    return this.sync.checksum();
  }

  /** Same as `sync.diff()`. */
  diffAll() {
    return this.sync.diff();
  }

  /** Same as `sync.migrate()`: additive, dry run by default. */
  migrate(options: { dryRun?: boolean } = {}) {
    return this.sync.migrate(options);
  }

  /** Same as `sync.check()`. */
  checkAll() {
    return this.sync.check();
  }

  /** Same as `sync.assertCurrent()`. */
  assertSchemaCurrent() {
    return this.sync.assertCurrent();
  }

  /** Same as `seeds.add()` (a RegistersSeeder, or any object with `seed(registry)`). */
  addSeeder(seeder: SeederOf<DatabaseRegistry>, options: AddSeederOptions = {}): this {
    this.seeds.add(seeder, options);
    return this;
  }

  /** Same as `seeds.names()`. */
  seederNames() {
    return this.seeds.names();
  }

  /** Same as `seeds.run()`. */
  seed(options: SeedRunOptions = {}) {
    return this.seeds.run(options);
  }

  /** Same as `migrations.changes()`. */
  schemaChanges() {
    return this.migrations.changes();
  }

  /** Same as `migrations.generate()` (writes a `.ts` migration). */
  generateMigration(name: string, options: Omit<GenerateMigrationOptions, 'extension'> = {}) {
    return this.migrations.generate(name, options);
  }

  /** Same as `migrations.status()`. */
  migrationStatus() {
    return this.migrations.status();
  }

  /** Same as `migrations.run()`. */
  runMigrations() {
    return this.migrations.run();
  }

  /** Same as `migrations.revert()`. */
  revertMigration() {
    return this.migrations.revert();
  }
}
