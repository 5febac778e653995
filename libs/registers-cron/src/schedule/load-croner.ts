import type * as Croner from 'croner';

let croner: typeof Croner | undefined;

/**
 * Croner is required on first use, not imported: a console printing `--help`, or a process
 * with interval jobs only, never loads it. Every other file of schedule/ reaches it through here.
 */
export function loadCroner(): typeof Croner {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  croner ??= require('croner') as typeof Croner;
  return croner;
}
