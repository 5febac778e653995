import type { Artifact } from './targets/artifact.interface';
import { ArtifactError } from './artifact.errors';
import { renderCrontabBlock, replaceCrontabBlock } from './crontab-block';
import { unifiedLineDiff } from './line-diff';
import { runProgram } from './run-program';

export interface ApplyCrontabOptions {
  /** Compute and return the diff, install nothing. */
  dryRun: boolean;
  /** The crontab program, looked up on PATH; default `crontab`. */
  crontabBin?: string;
  /** Environment of the crontab program (its PATH decides which one runs). */
  env?: NodeJS.ProcessEnv;
}

export interface ApplyCrontabResult {
  /** The crontab differs from the installed one (and, unless a dry run, was installed). */
  changed: boolean;
  /** Unified diff of the installed crontab against the new one; empty when unchanged. */
  diff: string;
  /** The whole new crontab. */
  content: string;
}

const NO_CRONTAB = /no crontab for/i;

/**
 * Installs the linux_cron artifacts between `# BEGIN registers-cron` and `# END registers-cron`
 * in the user's crontab, keeping every other byte of it. Reads it with `crontab -l` (no crontab
 * yet is an empty one) and, when it changes and this is not a dry run, installs it with
 * `crontab -`. Applying the same artifacts again changes nothing and installs nothing.
 */
export async function applyCrontab(
  artifacts: Artifact[],
  options: ApplyCrontabOptions,
): Promise<ApplyCrontabResult> {
  const wrong = artifacts.find((a) => a.target !== 'linux_cron');
  if (wrong) {
    throw new ArtifactError(`applyCrontab takes linux_cron artifacts, not ${wrong.target}`, {
      target: wrong.target,
      job: wrong.job,
    });
  }
  const bin = options.crontabBin ?? 'crontab';
  // Bytes as latin1 characters: one character per byte, so foreign encodings survive untouched.
  const current = (await readCrontab(bin, options.env)).toString('latin1');
  const block = Buffer.from(renderCrontabBlock(artifacts), 'utf8').toString('latin1');
  const next = replaceCrontabBlock(current, artifacts.length > 0 ? block : null);
  const nextBytes = Buffer.from(next, 'latin1');
  const changed = next !== current;
  const diff = changed
    ? unifiedLineDiff(Buffer.from(current, 'latin1').toString('utf8'), nextBytes.toString('utf8'), {
        before: 'crontab (installed)',
        after: 'crontab (registers-cron)',
      })
    : '';
  if (changed && !options.dryRun) await installCrontab(bin, nextBytes, options.env);
  return { changed, diff, content: nextBytes.toString('utf8') };
}

async function readCrontab(bin: string, env: NodeJS.ProcessEnv | undefined): Promise<Buffer> {
  const result = await start(bin, ['-l'], env);
  if (result.code === 0) return result.stdout;
  if (NO_CRONTAB.test(result.stderr)) return Buffer.alloc(0);
  throw new ArtifactError(
    `\`${bin} -l\` failed (${exitText(result)}): ${result.stderr.trim() || 'no message'}`,
    { target: 'linux_cron' },
  );
}

async function installCrontab(
  bin: string,
  content: Buffer,
  env: NodeJS.ProcessEnv | undefined,
): Promise<void> {
  const result = await start(bin, ['-'], env, content);
  if (result.code !== 0) {
    throw new ArtifactError(
      `\`${bin} -\` failed (${exitText(result)}): ${result.stderr.trim() || 'no message'}`,
      { target: 'linux_cron' },
    );
  }
}

async function start(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv | undefined,
  input?: Buffer,
) {
  try {
    return await runProgram(bin, args, { env, input });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArtifactError(
      code === 'ENOENT'
        ? `the crontab program '${bin}' was not found on PATH; install cron (cronie) or generate the entries with \`cron generate --target linux_cron\``
        : `could not run '${bin}': ${(error as Error).message}`,
      { target: 'linux_cron' },
      { cause: error },
    );
  }
}

const exitText = (r: { code: number | null; signal: string | null }): string =>
  r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
