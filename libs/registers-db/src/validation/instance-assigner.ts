import type { Type } from '@nestjs/common';

export type InstanceAssigner<T> = (data: Record<string, unknown>) => T;

/**
 * Compiles `data → new Model()` for one model's known properties: one straight-line copy
 * per property (no reflection per row). Properties missing from `data` keep what the
 * class initializers set. Property names are JSON-quoted into the generated code.
 */
export function compileAssigner<T>(Target: Type<T>, properties: string[]): InstanceAssigner<T> {
  const lines = ['const r = new R();', 'let v;'];
  for (const property of properties) {
    const p = JSON.stringify(property);
    lines.push(`v = d[${p}]; if (v !== undefined) r[${p}] = v;`);
  }
  lines.push('return r;');
  return new Function('R', `return function assign(d) {\n${lines.join('\n')}\n};`)(Target);
}

/** Like compileAssigner, without running constructors: only the given keys end up on the instance. */
export function assignPartial<T>(Target: Type<T>, changes: Record<string, unknown>): T {
  const instance = Object.create(Target.prototype);
  for (const key of Object.keys(changes)) instance[key] = changes[key];
  return instance;
}
