import type { Artifact, ArtifactContext, ArtifactJob } from './artifact.interface';

/** What a target makes of one job: its files, or the reason it cannot express the job. */
export type TargetResult = { ok: true; artifacts: Artifact[] } | { ok: false; reason: string };

/** A target's generator: pure, one job at a time. */
export type TargetGenerator = (job: ArtifactJob, ctx: ArtifactContext) => TargetResult;

export const refuse = (reason: string): TargetResult => ({ ok: false, reason });

/** `'nightly'`, quoted for messages. */
export const jobLabel = (job: ArtifactJob): string => `job '${job.name}'`;

/** Comment text on one line: newlines and other control characters become spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** The text holds a control character (a newline, a tab, NUL, DEL, …). */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
