/** Where a job's schedule can be deployed. `auto` is the host's own scheduler. */
export const ARTIFACT_TARGETS = [
  'local_async',
  'linux_cron',
  'systemd',
  'github_actions',
  'kubernetes',
  'windows_task_scheduler',
  'auto',
] as const;
export type ArtifactTarget = (typeof ARTIFACT_TARGETS)[number];
