import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  artifactBytes,
  generateArtifacts,
  shellQuote,
  type Artifact,
  type ArtifactContext,
  type ArtifactJob,
  type ArtifactTarget,
  type GeneratedArtifacts,
} from '../artifacts';
import type { JobDefinition } from '../interfaces/job-definition.interface';

/** What the generators see of a job: no handler, no secrets. */
export function artifactJob(job: JobDefinition): ArtifactJob {
  return {
    name: job.name,
    trigger: job.trigger,
    ...(job.description !== undefined ? { description: job.description } : {}),
    ...(job.deploymentFile !== undefined ? { deploymentFile: job.deploymentFile } : {}),
    ...(job.target !== undefined ? { target: job.target } : {}),
  };
}

/** Artifacts call back into this very console: `node <absolute main.js> cron run <job> --scheduled`, run from here. */
export function consoleArtifactContext(): ArtifactContext {
  return {
    command: `node ${shellQuote(resolve(process.argv[1] ?? 'main.js'))}`,
    cwd: process.cwd(),
  };
}

/** The artifacts of `jobs` for `target`, or, without one, for each job's own target (default local_async). */
export function generateFor(
  jobs: ArtifactJob[],
  target: ArtifactTarget | undefined,
  ctx: ArtifactContext,
): GeneratedArtifacts {
  if (target !== undefined) return generateArtifacts(jobs, target, ctx);
  const byTarget = new Map<ArtifactTarget, ArtifactJob[]>();
  for (const job of jobs) {
    const own = job.target ?? 'local_async';
    byTarget.set(own, [...(byTarget.get(own) ?? []), job]);
  }
  const all: GeneratedArtifacts = { artifacts: [], skipped: [] };
  for (const [own, group] of byTarget) {
    const generated = generateArtifacts(group, own, ctx);
    all.artifacts.push(...generated.artifacts);
    all.skipped.push(...generated.skipped);
  }
  return all;
}

/** Writes each artifact to its path under `baseDir` (creating folders); returns the paths written. */
export async function writeArtifacts(artifacts: Artifact[], baseDir: string): Promise<string[]> {
  for (const artifact of artifacts) {
    const file = resolve(baseDir, artifact.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, artifactBytes(artifact));
  }
  return artifacts.map((a) => a.path);
}
