import { transformFileSync } from '@swc/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_DIR = join(__dirname, '..', '.build', 'bare-console');

/**
 * Compiles the bare console into one CommonJS file, as the Nest CLI's webpack build does for
 * the sample (node_modules stay external there too), so both cold starts load one app file.
 */
export function buildBareConsole(): string {
  const { code } = transformFileSync(join(__dirname, 'bare-console', 'main.ts'), {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  mkdirSync(BUILD_DIR, { recursive: true });
  const file = join(BUILD_DIR, 'main.js');
  writeFileSync(file, code);
  return file;
}
