import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { DatabaseRegistry } from '../registry/database-registry';
import type { DatabaseRegistryOptions } from '../registry/interfaces/database-registry-options.interface';
import { linkRelations } from '../relations/relation-scope';
import { validateRelations } from '../relations/resolve-relation';
import { isolateDatabase, type IsolatedDatabase } from './isolation';
import { liveTestRegistries } from './live-test-registries';

export interface TestRegistryOptions extends Omit<DatabaseRegistryOptions, 'connection'> {
  /**
   * Where to make the isolated database: omitted → in-memory SQLite; a SQLite file URL → a
   * fresh file beside it; PostgreSQL → a fresh schema in that database; MySQL/MariaDB → a
   * fresh database on that server. The given database itself is never written.
   */
  url?: string;
}

/** A DatabaseRegistry whose database exists only for it: `dispose()` removes it. */
export class TestRegistry extends DatabaseRegistry {
  private disposing?: Promise<void>;

  constructor(
    options: DatabaseRegistryOptions,
    private readonly isolated: IsolatedDatabase,
  ) {
    super(options);
  }

  /** Drops the isolated database (schema, file) and closes the connection. Idempotent. */
  override dispose(): Promise<void> {
    this.disposing ??= (async () => {
      liveTestRegistries.delete(this);
      try {
        await this.isolated.tearDown(this.connection);
      } finally {
        await super.dispose();
      }
    })();
    return this.disposing;
  }
}

/**
 * A registry on a database of its own with `models` registered, their relations checked
 * and linked, and their tables created. Dispose it when done (`afterAll(() => db.dispose())`).
 */
export async function createTestRegistry(
  models: Array<Type<any>>,
  options: TestRegistryOptions = {},
): Promise<TestRegistry> {
  const id = `rt_${randomBytes(6).toString('hex')}`;
  const { url, typeorm, ...rest } = options;
  const extras = (typeorm ?? {}) as Record<string, unknown>;
  const isolated = await isolateDatabase(url as string | undefined, id, extras);
  const registry = new TestRegistry(
    {
      ...rest,
      name: (options.name as string | undefined) ?? id,
      url: isolated.url,
      typeorm: { ...extras, ...isolated.typeorm },
    },
    isolated,
  );
  liveTestRegistries.add(registry);
  try {
    registry.register(...models);
    for (const model of models) validateRelations(model);
    linkRelations(registry);
    await isolated.setUp?.(registry.connection);
    await registry.prepare();
  } catch (error) {
    await registry.dispose().catch(() => undefined);
    throw error;
  }
  return registry;
}
