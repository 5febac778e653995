import { transformFileSync } from '@swc/core';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The hand-written anchor apps under bench/api/, one folder each. */
export type ShopApp = 'typeorm-shop' | 'drizzle-shop';

/** Where `buildShop(app)` writes its output: bench/.build/<app>/. */
export function shopBuildDir(app: ShopApp): string {
  return join(__dirname, '..', '.build', app);
}

/**
 * Compiles one anchor app file by file with swc into bench/.build/<app>/ (CommonJS, decorator
 * metadata on, which Nest's DI and TypeORM's entities need) and returns its main.js;
 * node_modules stay external. Each app is self-contained: it imports nothing outside its folder.
 */
export function buildShop(app: ShopApp): string {
  const sourceDir = join(__dirname, app);
  const buildDir = shopBuildDir(app);
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  for (const name of readdirSync(sourceDir).filter((n) => n.endsWith('.ts'))) {
    const { code } = transformFileSync(join(sourceDir, name), {
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
    writeFileSync(join(buildDir, name.replace(/\.ts$/, '.js')), code);
  }
  return join(buildDir, 'main.js');
}
