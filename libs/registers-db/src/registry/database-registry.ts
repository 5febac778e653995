import { AsyncResource } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { EntitySchema } from 'typeorm';
import { loadTypeorm } from '../connection/load-typeorm';
import { DatabaseConnection } from '../connection/database-connection';
import { DEFAULT_REGISTRY_NAME, SCHEMA_MIGRATIONS_TABLE, SEED_LEDGER_TABLE } from '../constants';
import { dialectFor } from '../dialects';
import { ConfigurationError, MigrationError } from '../errors';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { Manager } from '../manager/manager';
import { cloneModelMetadata, getModelMetadata } from '../metadata/model-metadata.factory';
import { buildEntitySchema } from '../schema/entity-schema.builder';
import type { SchemaDiff } from '../schema/interfaces';
import { ModelSchema } from '../schema/model-schema';
import { migrationLedgerModel, seedLedgerModel } from '../schema/synthetic-model';
import { linkRelations } from '../relations/relation-scope';
import { validateRelations } from '../relations/resolve-relation';
import { creationOrder } from './creation-order';
import { addModelSubscriber } from './model-subscribers';
import { FieldCipher } from '../security/encryption';
import type { RegistersModelSubscriber } from './interfaces/model-subscriber.interface';
import { assertMigrationName, migrationSource, type SchemaChange } from './migration-file';
import type { DatabaseRegistryOptions } from './interfaces/database-registry-options.interface';
import type { RegistersSeeder, SeedResult } from './interfaces/seeder.interface';

interface RegisteredSeeder {
  name: string;
  order: number;
  seeder: RegistersSeeder;
}

interface RegisteredModel {
  target: Function;
  meta: ModelMetadata;
  schema: ModelSchema;
  manager: Manager<any>;
}

const KNOWN_OPTIONS = new Set([
  'url',
  'name',
  'autoCreate',
  'logging',
  'typeorm',
  'connection',
  'migrations',
  'migrationsTableName',
  'encryption',
]);
export const DEFAULT_MIGRATIONS_TABLE = 'registers_migrations';

export interface MigrationStatus {
  name: string;
  executed: boolean;
}

/**
 * Models of one database: their metadata, schema helpers and one Manager each. Nothing
 * connects until a manager or schema method runs; with autoCreate, missing tables of all
 * registered models are created (in foreign-key order) right before first use.
 */
export class DatabaseRegistry {
  readonly name: string;
  readonly connection: DatabaseConnection;
  readonly autoCreate: boolean;
  private readonly ownsConnection: boolean;
  private readonly entries = new Map<Function, RegisteredModel>();
  private readonly tables = new Map<string, RegisteredModel>();
  private preparing: Promise<void> = Promise.resolve();
  /** The async context the registry was made in (outside any transaction), for DDL. */
  private readonly outsideTransactions = new AsyncResource('RegistersDbSchema');
  private readonly seeders: RegisteredSeeder[] = [];
  /** The cipher given by the `encryption` option, shared by the models with encrypted fields. */
  private readonly fieldCipher?: FieldCipher;

  constructor(options: DatabaseRegistryOptions = {}) {
    this.name = options.name ?? DEFAULT_REGISTRY_NAME;
    this.autoCreate = options.autoCreate ?? true;
    if (options.encryption) this.fieldCipher = new FieldCipher(options.encryption);
    if (options.connection) {
      this.connection = options.connection;
      this.ownsConnection = false;
    } else {
      const extras: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(options))
        if (!KNOWN_OPTIONS.has(key)) extras[key] = value;
      this.connection = new DatabaseConnection({
        url: options.url,
        name: this.name,
        logging: options.logging,
        typeorm: {
          migrationsTableName: options.migrationsTableName ?? DEFAULT_MIGRATIONS_TABLE,
          ...(options.migrations ? { migrations: options.migrations } : {}),
          ...extras,
          ...options.typeorm,
        },
        entities: () => this.entitySchemas(),
      });
      this.ownsConnection = true;
    }
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
    const incoming = models.flat();
    const built = incoming.map((target) => {
      if (this.entries.has(target)) return undefined;
      const meta = cloneModelMetadata(getModelMetadata(target));
      const clash = this.tables.get(meta.table);
      if (clash) {
        throw new ConfigurationError(
          `${meta.name}: table '${meta.table}' is already used by ${clash.meta.name} in registry '${this.name}'.`,
          { model: meta.name, table: meta.table },
        );
      }
      return meta;
    });
    this.checkForeignKeys(built.filter((m): m is ModelMetadata => m !== undefined));
    for (const meta of built) if (meta) validateRelations(meta.target);
    for (const meta of built) {
      if (!meta || this.entries.has(meta.target)) continue;
      const schema = new ModelSchema(meta, this.connection, { prepare: () => this.prepare() });
      const entry: RegisteredModel = {
        target: meta.target,
        meta,
        schema,
        manager: undefined as never,
      };
      entry.manager = new Manager(meta, this.connection, schema);
      if (this.fieldCipher && meta.fields.some((f) => f.encrypted))
        entry.manager.useFieldCipher(this.fieldCipher);
      schema.onRename((from, to) => {
        this.tables.delete(from);
        this.tables.set(to, entry);
      });
      this.entries.set(meta.target, entry);
      this.tables.set(meta.table, entry);
    }
    linkRelations(this);
    return this;
  }

  /** Foreign keys between registered models must name an existing column of the referenced model. */
  private checkForeignKeys(incoming: ModelMetadata[]): void {
    const byTable = new Map<string, ModelMetadata>([...this.tables].map(([t, e]) => [t, e.meta]));
    for (const meta of incoming) byTable.set(meta.table, meta);
    const all = [...this.entries.values()].map((e) => e.meta).concat(incoming);
    for (const meta of all) {
      for (const field of meta.fields) {
        const fk = field.foreignKey;
        const target = fk && byTable.get(fk.table);
        if (!fk || !target) continue;
        if (!target.fields.some((f) => f.column === fk.column)) {
          throw new ConfigurationError(
            `${meta.name}.${field.property}: foreignKey '${fk.table}.${fk.column}' names no column of ${target.name}.`,
            { model: meta.name, field: field.property },
          );
        }
      }
    }
  }

  isRegistered(model: Function): boolean {
    return this.entries.has(model);
  }

  /** Registered model classes, in registration order. */
  models(): Type<any>[] {
    return [...this.entries.keys()] as Type<any>[];
  }

  private entry(model: Function): RegisteredModel {
    const entry = this.entries.get(model);
    if (!entry) {
      const name = typeof model === 'function' ? model.name : String(model);
      throw new ConfigurationError(
        `${name} is not registered in registry '${this.name}'; call register(${name}) first.`,
        {
          model: name,
        },
      );
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
    const metas = [...this.entries.values()].map((e) => e.meta);
    const ddl = this.ddl();
    if (!ddl) return [];
    return metas.map((meta) =>
      buildEntitySchema(meta, ddl, (table) => this.tables.get(table)?.meta),
    );
  }

  /**
   * Makes every registered table ready for use: with autoCreate, creates the missing ones
   * (models with `autoCreate: false` are left alone). Called lazily by managers.
   */
  prepare(): Promise<void> {
    const inTransaction = this.connection.inTransaction();
    const next = this.preparing
      .catch(() => undefined)
      .then(async () => {
        const pending = [...this.entries.values()].filter((e) => !e.schema.ready);
        if (pending.length === 0) return;
        const creatable = this.autoCreate ? pending.filter((e) => e.meta.autoCreate) : [];
        if (!inTransaction || creatable.length === 0) {
          await this.createTables(creatable);
        } else if (this.ddl()?.ddlOutsideTransactions) {
          // First use inside a transaction: create the tables on another connection, so a
          // rollback cannot drop them (PostgreSQL) and MySQL does not commit the transaction.
          await this.outsideTransactions.runInAsyncScope(() => this.createTables(creatable));
        } else {
          // SQLite has one connection: the DDL joins the transaction and may be rolled
          // back with it, so these tables are checked again on next use.
          await this.createTables(creatable);
          for (const e of pending) e.schema.markReady(!creatable.includes(e));
          return;
        }
        for (const e of pending) e.schema.markReady();
      });
    this.preparing = next;
    return next;
  }

  private ddl() {
    return this.entries.values().next().value?.schema.ddl;
  }

  private async createTables(entries: RegisteredModel[]): Promise<string[]> {
    const created: string[] = [];
    const deferredSteps: Array<{ schema: ModelSchema; columns: string[] }> = [];
    const lazy = this.ddl()?.lazyForeignKeys ?? true;
    for (const { entry, deferred } of creationOrder(entries, (t) => this.tables.get(t))) {
      const deferForeignKeys = lazy ? [] : deferred;
      if (await entry.schema.createSchema({ deferForeignKeys })) {
        created.push(entry.meta.table);
        if (deferForeignKeys.length)
          deferredSteps.push({ schema: entry.schema, columns: deferForeignKeys });
      }
    }
    for (const step of deferredSteps) await step.schema.addForeignKeys(step.columns);
    return created;
  }

  /**
   * Creates every missing registered table (autoCreate or not) in foreign-key order and
   * records the schema in the `registers_schema_migrations` ledger. Returns the tables created.
   */
  async createAll(): Promise<string[]> {
    await this.preparing.catch(() => undefined);
    const created = await this.createTables([...this.entries.values()]);
    for (const e of this.entries.values()) e.schema.markReady();
    await this.recordLedger(created);
    return created;
  }

  private async recordLedger(created: string[]): Promise<void> {
    const ledgerMeta = migrationLedgerModel();
    const ledger = new ModelSchema(ledgerMeta, this.connection);
    await ledger.createSchema();
    const version = this.schemaChecksum();
    const dialect = dialectFor(this.connection.dialect);
    const q = (id: string) => dialect.quoteIdentifier(id);
    const table = q(SCHEMA_MIGRATIONS_TABLE);
    const last = await this.connection.query<{ version: string }>(
      `SELECT ${q('version')} AS version FROM ${table} ORDER BY ${q('id')} DESC${dialect.limitOffset(1)}`,
    );
    if (created.length === 0 && last[0]?.version === version) return;
    const columns = ['version', 'name', 'tables', 'applied_at'];
    const appliedAt = ledgerMeta.fieldsByProperty.get('appliedAt')!;
    const values = [
      version,
      created.length ? `createAll: ${created.join(', ')}` : 'createAll: schema changed',
      JSON.stringify([...this.entries.values()].map((e) => e.meta.table)),
      dialect.toDriver(appliedAt, new Date()),
    ];
    await this.connection.execute(
      `INSERT INTO ${table} (${columns.map(q).join(', ')}) VALUES (${columns.map((_, i) => dialect.placeholder(i + 1)).join(', ')})`,
      values,
    );
  }

  /** A digest of every registered table's shape (what the ledger records as `version`). */
  schemaChecksum(): string {
    const shapes = [...this.entries.values()]
      .map(({ meta }) => ({
        table: meta.table,
        columns: meta.fields.map((f) => [
          f.column,
          f.type,
          f.nullable,
          f.length ?? null,
          f.precision ?? null,
          f.scale ?? null,
        ]),
        unique: meta.unique,
        foreignKeys: meta.fields
          .filter((f) => f.foreignKey)
          .map((f) => [f.column, f.foreignKey!.table, f.foreignKey!.column]),
      }))
      .sort((a, b) => a.table.localeCompare(b.table));
    return createHash('sha256').update(JSON.stringify(shapes)).digest('hex');
  }

  /** Drift of every registered table, keyed by table name. */
  async diffAll(): Promise<Record<string, SchemaDiff>> {
    const result: Record<string, SchemaDiff> = {};
    for (const e of this.entries.values()) result[e.meta.table] = await e.schema.schemaDiff();
    return result;
  }

  /**
   * Additive migration of every registered model: creates missing tables (foreign-key
   * order) and adds missing columns. Dry run by default (returns the drift only).
   */
  async migrate(options: { dryRun?: boolean } = {}): Promise<Record<string, SchemaDiff>> {
    if (options.dryRun !== false) return this.diffAll();
    await this.createTables([...this.entries.values()]);
    const result: Record<string, SchemaDiff> = {};
    for (const e of this.entries.values()) {
      result[e.meta.table] = await e.schema.migrate({ dryRun: false });
      e.schema.markReady();
    }
    return result;
  }

  /**
   * Whether the database answers (`SELECT 1` within `timeoutMs`, default 5000). The error
   * is the driver's message; the URL in `database` has its password masked.
   */
  async health(
    options: { timeoutMs?: number } = {},
  ): Promise<{ ok: boolean; dialect: string; database: string; error?: string }> {
    const base = { dialect: this.connection.dialect, database: this.connection.url };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${options.timeoutMs ?? 5000} ms`)),
        options.timeoutMs ?? 5000,
      );
      timer.unref?.();
    });
    try {
      await Promise.race([this.connection.query('SELECT 1 AS ok'), timeout]);
      return { ok: true, ...base };
    } catch (error) {
      return { ok: false, ...base, error: String((error as Error)?.message ?? error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when every registered table exists and matches its model. */
  async checkAll(): Promise<boolean> {
    return Object.values(await this.diffAll()).every((d) => d.ok);
  }

  /** MigrationError listing the drift of every table that differs from its model. */
  async assertSchemaCurrent(): Promise<void> {
    const drift = Object.values(await this.diffAll()).filter((d) => !d.ok);
    if (drift.length === 0) return;
    const lines = drift.map((d) => {
      if (d.missingTable) return `${d.table}: table missing`;
      const parts = [
        d.missingColumns.length ? `missing columns ${d.missingColumns.join(', ')}` : '',
        d.extraColumns.length ? `extra columns ${d.extraColumns.join(', ')}` : '',
        d.nullableMismatches.length
          ? `nullability differs on ${d.nullableMismatches.join(', ')}`
          : '',
        Object.keys(d.typeMismatches).length
          ? `types differ on ${Object.entries(d.typeMismatches)
              .map(([c, m]) => `${c} (${m.actual}, expected ${m.expected})`)
              .join(', ')}`
          : '',
      ].filter(Boolean);
      return `${d.table}: ${parts.join('; ')}`;
    });
    throw new MigrationError(
      `Schema drift detected in registry '${this.name}': ${lines.join(' | ')}`,
      {
        operation: 'assertSchemaCurrent',
        tables: Object.fromEntries(drift.map((d) => [d.table, d])),
      },
    );
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

  /** Adds a seeder (the Nest module adds the discovered `@Seeder()` providers). */
  addSeeder(seeder: RegistersSeeder, options: { name?: string; order?: number } = {}): this {
    const name = options.name ?? seeder.constructor.name;
    if (this.seeders.some((s) => s.name === name)) {
      throw new ConfigurationError(
        `Seeder '${name}' is already added to registry '${this.name}'.`,
        { seeder: name },
      );
    }
    this.seeders.push({ name, order: options.order ?? 0, seeder });
    return this;
  }

  /** Seeder names in the order `seed()` runs them. */
  seederNames(): string[] {
    return this.orderedSeeders().map((s) => s.name);
  }

  private orderedSeeders(): RegisteredSeeder[] {
    return this.seeders
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.order - b.s.order || a.i - b.i)
      .map(({ s }) => s);
  }

  /**
   * Runs the seeders that have not run on this database yet, each in its own transaction
   * with its `registers_seeds` ledger row (a failing seeder leaves nothing behind and stops
   * the run). `force` reruns them all; `only` picks seeders by name.
   */
  async seed(options: { force?: boolean; only?: string[] } = {}): Promise<SeedResult[]> {
    const unknown = (options.only ?? []).filter((n) => !this.seeders.some((s) => s.name === n));
    if (unknown.length) {
      throw new ConfigurationError(
        `Unknown seeder(s) ${unknown.join(', ')} in registry '${this.name}'.`,
        { seeders: unknown },
      );
    }
    await this.prepare();
    const ledger = new ModelSchema(seedLedgerModel(), this.connection);
    await ledger.createSchema();
    const dialect = dialectFor(this.connection.dialect);
    const q = (id: string) => dialect.quoteIdentifier(id);
    const table = q(SEED_LEDGER_TABLE);
    const appliedAt = ledger.meta.fieldsByProperty.get('appliedAt')!;
    const results: SeedResult[] = [];
    for (const { name, seeder } of this.orderedSeeders()) {
      if (options.only && !options.only.includes(name)) continue;
      const done = await this.connection.query(
        `SELECT ${q('name')} FROM ${table} WHERE ${q('name')} = ${dialect.placeholder(1)}`,
        [name],
      );
      if (done.length && !options.force) {
        results.push({ name, ran: false });
        continue;
      }
      await this.transaction(async () => {
        await seeder.seed(this);
        if (done.length) {
          await this.connection.execute(
            `UPDATE ${table} SET ${q('applied_at')} = ${dialect.placeholder(1)} WHERE ${q('name')} = ${dialect.placeholder(2)}`,
            [dialect.toDriver(appliedAt, new Date()), name],
          );
        } else {
          await this.connection.execute(
            `INSERT INTO ${table} (${q('name')}, ${q('applied_at')}) VALUES (${dialect.placeholder(1)}, ${dialect.placeholder(2)})`,
            [name, dialect.toDriver(appliedAt, new Date())],
          );
        }
      });
      results.push({ name, ran: true });
    }
    return results;
  }

  /**
   * What TypeORM would change to make the database match the registered models (its schema
   * builder compares the entity schemas with the live catalog): `up` and `down` statements.
   */
  async schemaChanges(): Promise<{ up: SchemaChange[]; down: SchemaChange[] }> {
    const source = await this.connection.dataSource();
    const log = await source.driver.createSchemaBuilder().log();
    const map = (q: { query: string; parameters?: unknown[] }) => ({
      query: q.query,
      ...(q.parameters?.length ? { parameters: q.parameters } : {}),
    });
    return { up: log.upQueries.map(map), down: log.downQueries.map(map).reverse() };
  }

  /**
   * Writes a TypeORM migration `<timestamp>-<name>.ts` for the pending schema changes into
   * `directory` (default `migrations`). Returns null when the database already matches.
   */
  async generateMigration(
    name: string,
    options: { directory?: string; timestamp?: number } = {},
  ): Promise<{ path: string; className: string; up: SchemaChange[]; down: SchemaChange[] } | null> {
    assertMigrationName(name);
    const { up, down } = await this.schemaChanges();
    if (up.length === 0) return null;
    const timestamp = options.timestamp ?? Date.now();
    const { className, source } = migrationSource(name, timestamp, up, down);
    const directory = options.directory ?? 'migrations';
    await mkdir(directory, { recursive: true });
    const path = join(directory, `${timestamp}-${name}.ts`);
    await writeFile(path, source, { flag: 'wx' });
    return { path, className, up, down };
  }

  /** Migrations given in `migrations` (or `typeorm.migrations`) and whether each ran. */
  async migrationStatus(): Promise<MigrationStatus[]> {
    const { MigrationExecutor } = loadTypeorm();
    const executor = new MigrationExecutor(await this.connection.dataSource());
    const [all, executed] = await Promise.all([
      executor.getAllMigrations(),
      executor.getExecutedMigrations(),
    ]);
    const done = new Set(executed.map((m) => m.name));
    return all.map((m) => ({ name: m.name, executed: done.has(m.name) }));
  }

  /** Runs pending migrations, each in its own transaction. Returns the names run. */
  async runMigrations(): Promise<string[]> {
    const source = await this.connection.dataSource();
    try {
      return (await source.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      this.connection.resetStatements();
    }
  }

  /** Reverts the last executed migration. Returns its name, or null when none ran. */
  async revertMigration(): Promise<string | null> {
    const executed = (await this.migrationStatus()).filter((m) => m.executed);
    if (executed.length === 0) return null;
    const source = await this.connection.dataSource();
    try {
      await source.undoLastMigration({ transaction: 'each' });
    } finally {
      this.connection.resetStatements();
    }
    return executed[executed.length - 1].name;
  }

  /**
   * Runs `fn` in a transaction of this registry's connection (every manager call inside
   * joins it; nested calls use savepoints). Tables are made ready before it begins.
   */
  async transaction<R>(fn: () => Promise<R> | R): Promise<R> {
    await this.prepare();
    return this.connection.transaction(fn);
  }

  /** Closes the connection (when the registry opened it). A later use opens it again. */
  async dispose(): Promise<void> {
    for (const e of this.entries.values()) e.schema.markReady(false);
    if (this.ownsConnection) await this.connection.close();
  }
}
