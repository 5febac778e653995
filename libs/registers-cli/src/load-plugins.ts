import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamicModule, Type } from '@nestjs/common';
import { PluginLoadError } from './errors/cli.errors';
import { pluginMessages as messages } from './errors/messages';

declare const __non_webpack_require__: NodeRequire | undefined;

/** The runtime's real `require` (webpack bundles replace the plain one). */
const nodeRequire: NodeRequire =
  typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;

const MODULE_METADATA_KEYS = ['imports', 'providers', 'controllers', 'exports'];

function isNestModule(value: unknown): value is Type<unknown> | DynamicModule {
  if (typeof value === 'function') {
    return MODULE_METADATA_KEYS.some((key) => Reflect.getOwnMetadata(key, value) !== undefined);
  }
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DynamicModule).module === 'function'
  );
}

function isPluginFile(file: string): boolean {
  if (/\.d\.[cm]?ts$/.test(file) || /\.(spec|test)\.[cm]?[jt]s$/.test(file)) return false;
  return /\.(c?js|ts)$/.test(file);
}

/**
 * Imports every plugin file in `dir` (sorted by name) and returns the Nest modules they
 * export, for `RegistersCliModule.forRoot({ plugins: loadPlugins(dir) })`. A file that fails
 * to import or exports no module raises PluginLoadError naming it. A missing folder gives [].
 */
export function loadPlugins(dir: string): Array<Type<unknown> | DynamicModule> {
  const folder = path.resolve(dir);
  if (!fs.existsSync(folder)) return [];
  const files = fs.readdirSync(folder).filter(isPluginFile).sort();
  const byBase = new Map<string, string>();
  for (const file of files) {
    const base = file.replace(/\.(c?js|ts)$/, '');
    // When both x.ts and x.js exist (compiled next to sources), import one.
    if (!byBase.has(base) || file.endsWith('.js')) byBase.set(base, file);
  }
  const modules: Array<Type<unknown> | DynamicModule> = [];
  for (const file of [...byBase.values()].sort()) {
    const full = path.join(folder, file);
    let exported: Record<string, unknown>;
    try {
      exported = nodeRequire(full);
    } catch (error) {
      throw new PluginLoadError(
        messages.cannotLoad(full, (error as Error).message),
        { file: full },
        { cause: error },
      );
    }
    const found = Object.values(exported ?? {}).filter(isNestModule);
    if (!found.length) {
      throw new PluginLoadError(messages.noModule(full), { file: full });
    }
    modules.push(...found);
  }
  return modules;
}
