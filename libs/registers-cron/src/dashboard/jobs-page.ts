import type { JobSummary, RunRecord } from '../interfaces/records.interface';
import type { ExplainedFire } from '../schedule/fire-schedule.interface';
import { durationChart } from './duration-chart';
import { formatDuration, formatInstant } from './format';
import { html, query, type Html } from './html';
import { actionForm, layout, statusBadge } from './layout';
import type { ViewContext } from './view-context';

/** One row of the jobs page: the job, its next fires and its latest runs (newest first). */
export interface JobRow {
  job: JobSummary;
  /** The next fires in the job's zone (empty for jobs without a schedule, or paused ones). */
  nextFires: ExplainedFire[];
  runs: RunRecord[];
}

function lastRun(runs: RunRecord[]): Html {
  const last = runs[0];
  if (!last) return html`<span class="muted">never</span>`;
  return html`${statusBadge(last.status)} ${formatDuration(last.durationMs)}
    <div class="muted">${formatInstant(last.startedAt)}</div>`;
}

function actions(ctx: ViewContext, job: JobSummary): Html {
  const name = encodeURIComponent(job.name);
  const toggle = job.paused
    ? actionForm(ctx, `/jobs/${name}/resume`, 'Resume')
    : actionForm(ctx, `/jobs/${name}/pause`, 'Pause');
  if (job.kind !== 'manual') return toggle;
  const payload = html`<textarea name="payload" aria-label="JSON payload for ${job.name}">
{}</textarea> `;
  return html`${toggle} ${actionForm(ctx, `/jobs/${name}/trigger`, 'Trigger', payload)}`;
}

function row(ctx: ViewContext, { job, nextFires, runs }: JobRow): Html {
  const fires = nextFires.length
    ? nextFires.map(
        (f) =>
          html`<div title="${formatInstant(f.at)}${f.note ? ` (${f.note})` : ''}">${f.local}</div>`,
      )
    : html`<span class="muted">—</span>`;
  const state = job.paused
    ? statusBadge('paused')
    : job.enabled
      ? html`<span class="muted">active</span>`
      : html`<span class="muted">disabled</span>`;
  return html`<tr data-job="${job.name}">
    <td><a href="${ctx.base}/runs${query({ job: job.name })}">${job.name}</a></td>
    <td>${job.trigger}</td>
    <td>${job.timezone ?? '—'}</td>
    <td class="nowrap">${fires}</td>
    <td class="nowrap">${lastRun(runs)}</td>
    <td>${state}</td>
    <td>${durationChart(job.name, runs)}</td>
    ${ctx.csrf === null ? null : html`<td>${actions(ctx, job)}</td>`}
  </tr>`;
}

/** The declared jobs: trigger in words, zone, next fires, last run, paused, a chart, actions. */
export function jobsPage(ctx: ViewContext, rows: JobRow[]): Html {
  const head = html`<tr>
    <th>Job</th>
    <th>Trigger</th>
    <th>Time zone</th>
    <th>Next fires</th>
    <th>Last run</th>
    <th>State</th>
    <th>Last 50 runs</th>
    ${ctx.csrf === null ? null : html`<th>Actions</th>`}
  </tr>`;
  const body = rows.length
    ? rows.map((r) => row(ctx, r))
    : html`<tr>
        <td colspan="8" class="muted">No jobs are declared.</td>
      </tr>`;
  return layout(
    ctx,
    'Jobs',
    html`<table>
      ${head}${body}
    </table>`,
  );
}
