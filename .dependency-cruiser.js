/**
 * The import rules of the libraries, checked by `npm run lint`:
 * - no import cycles (type-only imports included) anywhere in libs/;
 * - @registers/db's layers: a folder imports only its own layer or lower ones, so folders
 *   never form a cycle and a change low in the stack cannot depend on what sits above it.
 */
const DB = '^libs/registers-db/src/';

/** @registers/db, lowest layer first (see libs/registers-db/ARCHITECTURE.md). */
const DB_LAYERS = [
  ['model', ['constants.ts', 'errors/', 'interfaces/', 'metadata/', 'security/']],
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
  ['nest and commands', ['nest/', 'commands/', 'decorators/', 'filters/', 'testing/', 'index.ts']],
];

const pathsOf = (folders) => `${DB}(${folders.map((f) => f.replace('.', '\\.')).join('|')})`;

const layerRules = DB_LAYERS.slice(0, -1).map(([name, folders], i) => ({
  name: `db-layer-${name.replace(/\W+/g, '-')}`,
  comment: `@registers/db: ${name} may not import a higher layer (${DB_LAYERS.slice(i + 1)
    .map(([n]) => n)
    .join(', ')})`,
  severity: 'error',
  from: { path: pathsOf(folders) },
  to: { path: pathsOf(DB_LAYERS.slice(i + 1).flatMap(([, f]) => f)) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make a module impossible to read or load on its own.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(test|node_modules)/|\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
