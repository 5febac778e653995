/**
 * The import rules of the libraries, checked by `npm run lint`:
 * - no import cycles (type-only imports included) anywhere in libs/;
 * - each library's layers: a folder imports only its own layer or lower ones, so folders
 *   never form a cycle and a change low in the stack cannot depend on what sits above it.
 */

/** @registers/db, lowest layer first; entries are path patterns under src/ (see libs/registers-db/ARCHITECTURE.md). */
const DB_LAYERS = [
  ['model', ['constants\\.ts$', 'errors/', 'interfaces/', 'metadata/', 'security/']],
  ['validation', ['validation/']],
  ['query', ['query/']],
  ['dialects', ['dialects/']],
  ['connection', ['connection/']],
  ['records', ['records/']],
  ['schema', ['schema/']],
  ['manager', ['manager/']],
  ['relations', ['relations/']],
  ['sync, migrations, seeding', ['sync/', 'migrations/', 'seeding/']],
  ['registry', ['registry/']],
  ['nest and commands', ['nest/', 'commands/', 'decorators/', 'filters/', 'testing/', 'index\\.ts$']],
  // Optional subpaths that need @nestjs/swagger: nothing below (the main entry included) imports them.
  ['openapi and crud', ['swagger/', 'crud/']],
];

/** @registers/cli, lowest layer first (see libs/registers-cli/ARCHITECTURE.md). */
const CLI_LAYERS = [
  ['interfaces', ['interfaces/']],
  ['decorators', ['decorators/']],
  ['errors', ['errors/']],
  ['output', ['output/']],
  ['registry', ['registry/']],
  ['parser', ['parser/']],
  ['runtime', ['runtime/']],
  ['help', ['help/']],
  ['shell', ['shell/']],
  ['mcp', ['mcp/']],
  ['nest wiring', ['[^/]+\\.ts$']],
];

/** @registers/cron, lowest layer first (see libs/registers-cron/ARCHITECTURE.md). */
const CRON_LAYERS = [
  ['common', ['common/']],
  ['interfaces', ['interfaces/']],
  ['triggers', ['triggers/']],
  ['decorators', ['decorators/']],
  ['schedule', ['schedule/']],
  ['artifacts', ['artifacts/']],
  ['store', ['store/']],
  ['runtime', ['runtime/']],
  ['webhooks', ['webhooks/']],
  ['watch', ['watch/']],
  ['dashboard', ['dashboard/']],
  ['nest wiring', ['[^/]+\\.ts$']],
  ['testing', ['testing/']],
  ['commands', ['commands/']],
];

/** One rule per layer: it may not import any layer above it. */
function layerRules(library, layers) {
  const root = `^libs/${library}/src/`;
  const pathsOf = (folders) => `${root}(${folders.join('|')})`;
  return layers.slice(0, -1).map(([name, folders], i) => ({
    name: `${library}-layer-${name.replace(/\W+/g, '-')}`,
    comment: `${library}: ${name} may not import a higher layer (${layers
      .slice(i + 1)
      .map(([n]) => n)
      .join(', ')})`,
    severity: 'error',
    from: { path: pathsOf(folders) },
    to: { path: pathsOf(layers.slice(i + 1).flatMap(([, f]) => f)) },
  }));
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make a module impossible to read or load on its own.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true },
    },
    ...layerRules('registers-db', DB_LAYERS),
    ...layerRules('registers-cli', CLI_LAYERS),
    ...layerRules('registers-cron', CRON_LAYERS),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(test|node_modules)/|\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
