import { RUN_STATUSES } from '../common/constants';
import type { RunRecord } from '../interfaces/records.interface';
import { formatDuration, formatInstant } from './format';
import { html, query, type Html } from './html';
import { layout, statusBadge } from './layout';
import type { ViewContext } from './view-context';

export interface RunsView {
  runs: RunRecord[];
  jobs: string[];
  job?: string;
  status?: string;
  /** The id to page back from (runs older than this one), or undefined on the last page. */
  olderThan?: number;
  /** Whether this page is not the newest (a link back to the first page is shown). */
  paged: boolean;
}

function options(values: readonly string[], selected: string | undefined, all: string): Html {
  return html`<option value="">${all}</option>
    ${values.map(
      (v) => html`<option value="${v}" ${selected === v ? html` selected` : null}>${v}</option>`,
    )}`;
}

function runRow(ctx: ViewContext, run: RunRecord): Html {
  const error = run.error ?? '';
  return html`<tr data-run="${run.id}">
    <td class="num">${run.id}</td>
    <td>${run.job}</td>
    <td><a href="${ctx.base}/events/${run.eventId}">#${run.eventId}</a></td>
    <td class="num">${run.attempt}</td>
    <td>${statusBadge(run.status)}</td>
    <td>${formatInstant(run.startedAt)}</td>
    <td class="num">${formatDuration(run.durationMs)}</td>
    <td>${run.instance}</td>
    <td class="err" title="${error}">${error.length > 200 ? `${error.slice(0, 200)}…` : error}</td>
  </tr>`;
}

/** Runs newest first, filtered by job and status, a page at a time. */
export function runsPage(ctx: ViewContext, view: RunsView): Html {
  const filters = html`<form class="filters" method="get" action="${ctx.base}/runs">
    <label
      >Job
      <select name="job">
        ${options(view.jobs, view.job, 'all jobs')}
      </select></label
    >
    <label
      >Status
      <select name="status">
        ${options(RUN_STATUSES, view.status, 'any status')}
      </select></label
    >
    <button type="submit">Filter</button>
  </form>`;
  const head = html`<tr>
    <th>Run</th>
    <th>Job</th>
    <th>Event</th>
    <th>Attempt</th>
    <th>Status</th>
    <th>Started</th>
    <th>Duration</th>
    <th>Instance</th>
    <th>Error</th>
  </tr>`;
  const rows = view.runs.length
    ? view.runs.map((r) => runRow(ctx, r))
    : html`<tr>
        <td colspan="9" class="muted">No runs match.</td>
      </tr>`;
  const keep = { job: view.job, status: view.status };
  const pager = html`<p>
    ${view.paged ? html`<a href="${ctx.base}/runs${query(keep)}">Newest</a> ` : null}${
      view.olderThan !== undefined
        ? html`<a href="${ctx.base}/runs${query({ ...keep, before: view.olderThan })}">Older</a>`
        : null
    }
  </p>`;
  return layout(
    ctx,
    'Runs',
    html`${filters}
      <table>
        ${head}${rows}
      </table>
      ${pager}`,
  );
}
