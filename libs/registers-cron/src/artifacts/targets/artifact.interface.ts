import type { ArtifactTarget } from '../../interfaces/artifact-target.interface';
import type { TriggerDefinition } from '../../interfaces/trigger.interface';

// The target list is part of a job's options (interfaces/); artifacts re-export it.
export { ARTIFACT_TARGETS, type ArtifactTarget } from '../../interfaces/artifact-target.interface';

/** What a generator needs to know of a job (no handler, no secrets). */
export interface ArtifactJob {
  name: string;
  trigger: TriggerDefinition;
  description?: string;
  /** Where `--write` puts this job's file; default `ops/workflows/<target>/<job>.<ext>`. */
  deploymentFile?: string;
  /** The job's preferred target; generation for another explicit target still works. */
  target?: ArtifactTarget;
}

export interface ArtifactContext {
  /**
   * The command line that starts this console, e.g. `node /srv/app/dist/apps/sample-console/main.js`.
   * Artifacts call `<command> cron run <job> --scheduled`.
   */
  command: string;
  /** Working directory the scheduled command runs in (systemd WorkingDirectory, crontab `cd`). */
  cwd: string;
  /** Default `process.platform`; decides what `auto` means. */
  platform?: NodeJS.Platform;
  /** Container image for kubernetes; default `registers-app:latest`. */
  image?: string;
}

export interface Artifact {
  target: Exclude<ArtifactTarget, 'auto'>;
  job: string;
  /** Relative path where `--write` puts it (the job's deploymentFile or the default). */
  path: string;
  content: string;
  /**
   * How `--write` must encode `content` (default `utf-8`). Task Scheduler XML declares
   * `encoding="UTF-16"`, so it is written as UTF-16LE with a byte order mark; `artifactBytes()`
   * gives the exact bytes of any artifact.
   */
  encoding?: ArtifactEncoding;
}

/** File encodings of generated artifacts. */
export type ArtifactEncoding = 'utf-8' | 'utf-16le';

/** A job a target cannot express, with the reason (`manual jobs get no schedule`, …). */
export interface SkippedArtifact {
  job: string;
  target: string;
  reason: string;
}

export interface GeneratedArtifacts {
  artifacts: Artifact[];
  skipped: SkippedArtifact[];
}
