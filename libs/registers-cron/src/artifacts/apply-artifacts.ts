import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ArtifactTarget, GeneratedArtifacts } from './targets/artifact.interface';
import { artifactBytes } from './artifact-bytes';
import { ArtifactError } from './artifact.errors';
import { applyCrontab } from './apply-crontab';
import { resolveTarget, type ResolvedTarget } from './resolve-target';
import { describeCommand, runProgram } from './run-program';
import { windowsTaskName } from './targets/windows-task-scheduler';

export interface ApplyArtifactsOptions {
  /** Show what would change, change nothing. */
  dryRun: boolean;
  /** Default `process.platform`; decides `auto` and whether Task Scheduler can be used. */
  platform?: NodeJS.Platform;
  /** Environment of the programs run (crontab, schtasks); their PATH decides which one runs. */
  env?: NodeJS.ProcessEnv;
  crontabBin?: string;
  schtasksBin?: string;
  /** Folder the artifact paths are relative to when files are written; default `process.cwd()`. */
  baseDir?: string;
}

export interface ApplyArtifactsResult {
  target: ResolvedTarget;
  changed: boolean;
  /** linux_cron: unified diff of the crontab; empty otherwise or when unchanged. */
  diff: string;
  /** The commands run (or, in a dry run, that would run), e.g. `schtasks /Create …`. */
  commands: string[];
}

/**
 * Installs generated artifacts with the host's scheduler: linux_cron into the user's crontab,
 * windows_task_scheduler with `schtasks /Create /XML … /F` (Windows only). systemd, GitHub
 * Actions and Kubernetes files are installed by their own tools; local_async needs nothing.
 */
export async function applyArtifacts(
  generated: GeneratedArtifacts,
  target: ArtifactTarget,
  options: ApplyArtifactsOptions,
): Promise<ApplyArtifactsResult> {
  const platform = options.platform ?? process.platform;
  const resolved = resolveTarget(target, platform);
  const artifacts = generated.artifacts.filter((a) => a.target === resolved);
  switch (resolved) {
    case 'local_async':
      return { target: resolved, changed: false, diff: '', commands: [] };
    case 'linux_cron': {
      const r = await applyCrontab(artifacts, options);
      const bin = options.crontabBin ?? 'crontab';
      return {
        target: resolved,
        changed: r.changed,
        diff: r.diff,
        commands: r.changed ? [`${bin} -`] : [],
      };
    }
    case 'windows_task_scheduler':
      return applyWindows(artifacts, platform, options);
    default:
      throw new ArtifactError(
        `${resolved} artifacts are applied by their own tool: write them with \`cron generate --target ${resolved} --write\``,
        { target: resolved },
      );
  }
}

async function applyWindows(
  artifacts: GeneratedArtifacts['artifacts'],
  platform: NodeJS.Platform,
  options: ApplyArtifactsOptions,
): Promise<ApplyArtifactsResult> {
  if (platform !== 'win32') {
    throw new ArtifactError(
      `windows_task_scheduler can only be applied on Windows (this host is ${platform}); use --target linux_cron or generate the XML and import it there`,
      { target: 'windows_task_scheduler' },
    );
  }
  const bin = options.schtasksBin ?? 'schtasks';
  const base = options.baseDir ?? process.cwd();
  const commands: string[] = [];
  for (const artifact of artifacts) {
    const file = resolve(base, artifact.path);
    const args = ['/Create', '/TN', windowsTaskName(artifact.job), '/XML', file, '/F'];
    commands.push(describeCommand(bin, args));
    if (options.dryRun) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, artifactBytes(artifact));
    let result;
    try {
      result = await runProgram(bin, args, { env: options.env });
    } catch (error) {
      throw new ArtifactError(`could not run '${bin}': ${(error as Error).message}`, {
        target: 'windows_task_scheduler',
        job: artifact.job,
      });
    }
    if (result.code !== 0) {
      throw new ArtifactError(
        `\`${describeCommand(bin, args)}\` failed (exit ${result.code}): ${
          result.stderr.trim() || result.stdout.toString('utf8').trim() || 'no message'
        }`,
        { target: 'windows_task_scheduler', job: artifact.job },
      );
    }
  }
  return { target: 'windows_task_scheduler', changed: commands.length > 0, diff: '', commands };
}
