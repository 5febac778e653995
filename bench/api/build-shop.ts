import { transformFileSync } from '@swc/core';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIR = join(__dirname, 'typeorm-shop');
export const TYPEORM_SHOP_BUILD_DIR = join(__dirname, '..', '.build', 'typeorm-shop');

/**
 * Compiles the TypeORM anchor file by file with swc into bench/.build/typeorm-shop/ (CommonJS,
 * decorator metadata on, which TypeORM and Nest's DI need); node_modules stay external.
 */
export function buildTypeormShop(): string {
  rmSync(TYPEORM_SHOP_BUILD_DIR, { recursive: true, force: true });
  mkdirSync(TYPEORM_SHOP_BUILD_DIR, { recursive: true });
  for (const name of readdirSync(SOURCE_DIR).filter((n) => n.endsWith('.ts'))) {
    const { code } = transformFileSync(join(SOURCE_DIR, name), {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          useDefineForClassFields: false,
        },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    });
    writeFileSync(join(TYPEORM_SHOP_BUILD_DIR, name.replace(/\.ts$/, '.js')), code);
  }
  return join(TYPEORM_SHOP_BUILD_DIR, 'main.js');
}
