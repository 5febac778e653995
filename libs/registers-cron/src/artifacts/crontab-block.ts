import type { Artifact } from './targets/artifact.interface';
import { ArtifactError } from './artifact.errors';

export const CRONTAB_BEGIN = '# BEGIN registers-cron';
export const CRONTAB_END = '# END registers-cron';

/** The managed block: markers around the entries of every linux_cron artifact. */
export function renderCrontabBlock(artifacts: Artifact[]): string {
  const body = artifacts
    .map((a) => (a.content.endsWith('\n') ? a.content : `${a.content}\n`))
    .join('');
  return [
    `${CRONTAB_BEGIN}\n`,
    '# Managed by `cron apply --target linux_cron`: this block is replaced on every apply.\n',
    '# Its CRON_TZ lines also apply to entries below the block: keep your own entries above it.\n',
    body,
    `${CRONTAB_END}\n`,
  ].join('');
}

const isMarker = (line: string, marker: string): boolean =>
  line.replace(/\r$/, '').trim() === marker;

/**
 * `current` with the managed block replaced by `block` (appended at the end when absent; left
 * out when absent and `block` is null). Every other character of `current` is kept.
 */
export function replaceCrontabBlock(current: string, block: string | null): string {
  const lines = current.split('\n');
  const begins = lines.flatMap((l, i) => (isMarker(l, CRONTAB_BEGIN) ? [i] : []));
  const ends = lines.flatMap((l, i) => (isMarker(l, CRONTAB_END) ? [i] : []));
  if (begins.length === 0 && ends.length === 0) {
    if (block === null) return current;
    const sep = current === '' || current.endsWith('\n') ? '' : '\n';
    return `${current}${sep}${block}`;
  }
  if (begins.length !== 1 || ends.length !== 1 || ends[0] < begins[0]) {
    throw new ArtifactError(
      `the crontab's registers-cron block is damaged (${begins.length} '${CRONTAB_BEGIN}' and ${ends.length} '${CRONTAB_END}' lines); fix it with \`crontab -e\` and apply again`,
      { target: 'linux_cron' },
    );
  }
  const head = lines
    .slice(0, begins[0])
    .map((l) => `${l}\n`)
    .join('');
  const tail = lines.slice(ends[0] + 1).join('\n');
  return `${head}${block ?? ''}${tail}`;
}
