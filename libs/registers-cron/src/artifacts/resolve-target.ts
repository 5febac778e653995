import { ARTIFACT_TARGETS, type ArtifactTarget } from './targets/artifact.interface';
import { ArtifactError } from './artifact.errors';

export type ResolvedTarget = Exclude<ArtifactTarget, 'auto'>;

/** `auto` is the host's own scheduler: Task Scheduler on Windows, crontab elsewhere. */
export function resolveTarget(
  target: ArtifactTarget,
  platform: NodeJS.Platform = process.platform,
): ResolvedTarget {
  if (!(ARTIFACT_TARGETS as readonly string[]).includes(target)) {
    throw new ArtifactError(
      `unknown target '${target}'; expected one of ${ARTIFACT_TARGETS.join(', ')}`,
      { target },
    );
  }
  if (target !== 'auto') return target;
  return platform === 'win32' ? 'windows_task_scheduler' : 'linux_cron';
}
