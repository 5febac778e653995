import type {
  ArtifactContext,
  ArtifactJob,
  ArtifactTarget,
  GeneratedArtifacts,
} from './targets/artifact.interface';
import { unsafeFileNameReason } from './targets/artifact-paths';
import { resolveTarget, type ResolvedTarget } from './resolve-target';
import { generateGithubActions } from './targets/github-actions';
import { generateKubernetes } from './targets/kubernetes';
import { generateLinuxCron } from './targets/linux-cron';
import { generateSystemd } from './targets/systemd';
import type { TargetGenerator } from './targets/target-result';
import { generateWindowsTaskScheduler } from './targets/windows-task-scheduler';

export const LOCAL_ASYNC_REASON = 'local_async runs in-process; nothing to generate';

const GENERATORS: Record<Exclude<ResolvedTarget, 'local_async'>, TargetGenerator> = {
  linux_cron: generateLinuxCron,
  systemd: generateSystemd,
  github_actions: generateGithubActions,
  kubernetes: generateKubernetes,
  windows_task_scheduler: generateWindowsTaskScheduler,
};

/**
 * The deployment files of `jobs` for `target` (`auto` resolved by `ctx.platform`), and the jobs
 * the target cannot express with the reason. Pure: nothing is written.
 */
export function generateArtifacts(
  jobs: ArtifactJob[],
  target: ArtifactTarget,
  ctx: ArtifactContext,
): GeneratedArtifacts {
  const resolved = resolveTarget(target, ctx.platform ?? process.platform);
  const out: GeneratedArtifacts = { artifacts: [], skipped: [] };
  if (resolved === 'local_async') {
    out.skipped = jobs.map((job) => ({
      job: job.name,
      target: resolved,
      reason: LOCAL_ASYNC_REASON,
    }));
    return out;
  }
  const generate = GENERATORS[resolved];
  const owners = new Map<string, string>();
  for (const job of jobs) {
    const unsafe = unsafeFileNameReason(job);
    const result = unsafe ? { ok: false as const, reason: unsafe } : generate(job, ctx);
    if (!result.ok) {
      out.skipped.push({ job: job.name, target: resolved, reason: result.reason });
      continue;
    }
    const clash = result.artifacts.find((a) => owners.has(a.path));
    if (clash) {
      out.skipped.push({
        job: job.name,
        target: resolved,
        reason: `${clash.path} is already the file of job '${owners.get(clash.path)}'; set a different deploymentFile`,
      });
      continue;
    }
    for (const artifact of result.artifacts) {
      owners.set(artifact.path, job.name);
      out.artifacts.push(artifact);
    }
  }
  return out;
}
