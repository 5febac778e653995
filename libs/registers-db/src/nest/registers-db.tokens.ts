import { DEFAULT_REGISTRY_NAME, REGISTERS_DB_MODULE_OPTIONS } from '../constants';
import { DatabaseRegistry } from '../registry/database-registry';

/** DI token of a registry: the DatabaseRegistry class for the default one, a string otherwise. */
export function getRegistryToken(
  name: string = DEFAULT_REGISTRY_NAME,
): string | typeof DatabaseRegistry {
  return name === DEFAULT_REGISTRY_NAME ? DatabaseRegistry : `RegistersDbRegistry:${name}`;
}

export function getOptionsToken(name: string = DEFAULT_REGISTRY_NAME): string {
  return `${REGISTERS_DB_MODULE_OPTIONS}:${name}`;
}

const managerTokens = new WeakMap<Function, Map<string, string>>();
const usedTokens = new Set<string>();

/**
 * DI token of a model's Manager in a registry (`RegistersDbManager:default:User`). Stable per
 * class; two different classes with the same name get different tokens.
 */
export function getManagerToken(model: Function, name: string = DEFAULT_REGISTRY_NAME): string {
  let byRegistry = managerTokens.get(model);
  if (!byRegistry) {
    byRegistry = new Map();
    managerTokens.set(model, byRegistry);
  }
  let token = byRegistry.get(name);
  if (!token) {
    const base = `RegistersDbManager:${name}:${model.name}`;
    token = base;
    for (let n = 2; usedTokens.has(token); n++) token = `${base}#${n}`;
    usedTokens.add(token);
    byRegistry.set(name, token);
  }
  return token;
}
