import { createHash } from 'node:crypto';

/** CronJob names are DNS subdomain names of at most 52 characters (the Job suffix needs 11). */
export const CRONJOB_NAME_MAX = 52;

/**
 * `registers-<job>` as a DNS-safe CronJob name: lowercase, characters other than `a-z0-9-`
 * become `-`, runs of `-` collapse, it starts and ends alphanumeric; a longer name keeps its
 * first part and a short hash of the job name so that two long names do not collide.
 */
export function kubernetesCronJobName(job: string): string {
  const name = `registers-${job}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (name.length <= CRONJOB_NAME_MAX) return name;
  const hash = createHash('sha256').update(job).digest('hex').slice(0, 8);
  const head = name.slice(0, CRONJOB_NAME_MAX - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
