export * from './targets/artifact.interface';
export { ArtifactError, type ArtifactErrorContext } from './artifact.errors';
export { artifactBytes } from './artifact-bytes';
export { ARTIFACT_EXTENSIONS, artifactPath } from './targets/artifact-paths';
export { resolveTarget, type ResolvedTarget } from './resolve-target';
export { generateArtifacts, LOCAL_ASYNC_REASON } from './generate-artifacts';
export { generateLinuxCron } from './targets/linux-cron';
export { generateSystemd } from './targets/systemd';
export { generateGithubActions } from './targets/github-actions';
export { generateKubernetes } from './targets/kubernetes';
export { kubernetesCronJobName } from './targets/kubernetes-name';
export { generateWindowsTaskScheduler, windowsTaskName } from './targets/windows-task-scheduler';
export type { TargetGenerator, TargetResult } from './targets/target-result';
export { applyCrontab, type ApplyCrontabOptions, type ApplyCrontabResult } from './apply-crontab';
export {
  applyArtifacts,
  type ApplyArtifactsOptions,
  type ApplyArtifactsResult,
} from './apply-artifacts';
export {
  CRONTAB_BEGIN,
  CRONTAB_END,
  renderCrontabBlock,
  replaceCrontabBlock,
} from './crontab-block';
export { unifiedLineDiff } from './line-diff';
export {
  scheduledArgs,
  scheduledShellCommand,
  shellQuote,
  splitCommandLine,
} from './targets/command-line';
