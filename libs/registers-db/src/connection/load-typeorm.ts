/**
 * TypeORM is loaded on first use (opening a connection, building entity schemas, running
 * migrations), so importing @registers/db, and a console printing its help, stays light.
 */
export function loadTypeorm(): typeof import('typeorm') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('typeorm');
}
