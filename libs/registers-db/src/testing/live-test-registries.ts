import type { Type } from '@nestjs/common';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
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
      ? configurationMessages.noLiveTestRegistry(what, name)
      : configurationMessages.ambiguousTestRegistry(what, candidates.length, name),
    { model: name },
  );
}
