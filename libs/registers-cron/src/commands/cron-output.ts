/**
 * The plain-text forms of the `cron …` commands. In json mode every command returns its
 * records as they are; csv and table get the compact rows below; plain gets these rows as
 * aligned columns, or a sentence when there is nothing to show.
 */
import type { OutputMode } from '@registers/cli';
import type { ApplyArtifactsResult, Artifact, SkippedArtifact } from '../artifacts';
import type { RunResult } from '../cron.service';
import type {
  CronStatus,
  EventRecord,
  JobSummary,
  RunRecord,
  WorkflowRecord,
} from '../interfaces/records.interface';
import type { ExplainedFire } from '../schedule/fire-schedule.interface';

/** json: the records; plain with none: `empty`; otherwise one compact row per record. */
export function listOutput<T, R>(
  mode: OutputMode,
  records: T[],
  row: (record: T) => R,
  empty: string,
): T[] | R[] | string {
  if (mode === 'json') return records;
  if (mode === 'plain' && records.length === 0) return empty;
  return records.map(row);
}

const json = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

export const jobRow = (job: JobSummary) => ({
  name: job.name,
  trigger: job.trigger,
  next: job.next ?? '',
  state: job.paused ? 'paused' : job.enabled ? 'active' : 'disabled',
  retry: job.retry,
});

export const runRow = (run: RunRecord) => ({
  id: run.id,
  job: run.job,
  event: run.eventId,
  attempt: run.attempt,
  status: run.status,
  startedAt: run.startedAt,
  ms: run.durationMs ?? '',
  outcome: run.error ?? (run.result === null ? '' : json(run.result)),
});

export const eventRow = (event: EventRecord) => ({
  id: event.id,
  job: event.job,
  source: event.source,
  attempts: event.attempt,
  createdAt: event.createdAt,
  error: event.error ?? '',
});

export const workflowRow = (workflow: WorkflowRecord) => ({
  name: workflow.name,
  file: workflow.file,
  runs: workflow.job !== null ? `job ${workflow.job}` : `command ${workflow.command}`,
});

export const explainRow = (fire: ExplainedFire) => ({
  at: fire.at,
  local: fire.local,
  note: fire.note ?? '',
});

/** `Ran <job>: <status> (event <id>, attempt <n>)`. */
export function ranLine(run: RunRecord): string {
  return `Ran ${run.job}: ${run.status} (event ${run.eventId}, attempt ${run.attempt})`;
}

/** The plain form of a successful `cron run`. */
export function runText(job: string, result: RunResult): string {
  if (!result.run) {
    return result.scheduledAt !== null
      ? `${job}: the fire at ${result.scheduledAt} was already run (event ${result.eventId}); nothing to do.`
      : `${job}: event ${result.eventId} is being run by another worker; nothing to do.`;
  }
  return `${ranLine(result.run)}\nResult: ${json(result.run.result)}`;
}

export function statusText(status: CronStatus): string {
  const { instances, ...counts } = status;
  const width = Math.max(...Object.keys(counts).map((k) => k.length)) + 1;
  const lines = Object.entries(counts).map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`);
  lines.push(`${'instances:'.padEnd(width)} ${instances.length}`);
  for (const i of instances) {
    lines.push(
      `  ${i.id} (host ${i.host}, pid ${i.pid}, since ${i.startedAt}, heartbeat ${i.heartbeatAt})`,
    );
  }
  return lines.join('\n');
}

export function startedLine(instance: string, jobs: number, workers: number): string {
  return `Cron started: instance ${instance}, ${jobs} job${jobs === 1 ? '' : 's'}, ${workers} worker${workers === 1 ? '' : 's'}`;
}

/** Each artifact under a `# <path>` header line. */
export function artifactsText(artifacts: Artifact[]): string {
  return artifacts
    .map((a) => `# ${a.path}\n${a.content.endsWith('\n') ? a.content.slice(0, -1) : a.content}`)
    .join('\n\n');
}

export function skippedLine(skipped: SkippedArtifact): string {
  return `Skipped ${skipped.job} (${skipped.target}): ${skipped.reason}`;
}

export function applyText(result: ApplyArtifactsResult, dryRun: boolean): string {
  if (!result.changed) return `${result.target}: already up to date, nothing to change.`;
  const what = result.diff || result.commands.join('\n');
  return dryRun
    ? `${what.trimEnd()}\nDry run: ${result.target} not changed.`
    : `${what.trimEnd()}\nApplied to ${result.target}.`;
}

/** Writes a line to stdout now, for what a command reports before it returns (`cron start`). */
export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}
