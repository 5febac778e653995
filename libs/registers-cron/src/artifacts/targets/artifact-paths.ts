import type { ArtifactJob, ArtifactTarget } from './artifact.interface';

type ConcreteTarget = Exclude<ArtifactTarget, 'auto' | 'local_async'>;

/** File extension of each target's artifact (systemd has two files: `.service` and `.timer`). */
export const ARTIFACT_EXTENSIONS: Record<ConcreteTarget, string> = {
  linux_cron: 'cron',
  systemd: 'service',
  github_actions: 'yml',
  kubernetes: 'yaml',
  windows_task_scheduler: 'xml',
};

/** `ops/workflows/<target>/<job>.<ext>`, or the job's own `deploymentFile`. */
export function artifactPath(job: ArtifactJob, target: ConcreteTarget, ext?: string): string {
  if (job.deploymentFile) return job.deploymentFile;
  return `ops/workflows/${target}/${job.name}.${ext ?? ARTIFACT_EXTENSIONS[target]}`;
}

/** Why a job name cannot be a file name in the default path, or null when it can. */
export function unsafeFileNameReason(job: ArtifactJob): string | null {
  if (job.deploymentFile) return null;
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/.test(job.name) || job.name.startsWith('.') || job.name === '') {
    return `job name ${JSON.stringify(job.name)} cannot be a file name; set deploymentFile`;
  }
  return null;
}

/** `a/b/name.service` → `a/b/name` (the path without its last extension). */
export function pathStem(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

/** The last path segment. */
export function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}
