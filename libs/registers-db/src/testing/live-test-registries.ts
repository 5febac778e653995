import type { Type } from '@nestjs/common';
import { ConfigurationError } from '../errors';
import type { DatabaseRegistry } from '../registry/database-registry';

/** Registries made by createTestRegistry and not yet disposed. */
export const liveTestRegistries = new Set<DatabaseRegistry>();

/** The one live test registry that has `model` registered (else ConfigurationError). */
export function testRegistryFor(model: Type<unknown>, what: string): DatabaseRegistry {
  const candidates = [...liveTestRegistries].filter((r) => r.isRegistered(model));
  if (candidates.length === 1) return candidates[0];
  const name = model?.name ?? String(model);
  throw new ConfigurationError(
    candidates.length === 0
      ? `${what}: no live test registry has ${name} registered; create one with createTestRegistry([${name}]) or pass { registry }`
      : `${what}: ${candidates.length} live test registries have ${name} registered; pass { registry } to choose one`,
    { model: name },
  );
}
