import type { EventRecord, RunRecord } from '../interfaces/records.interface';
import { formatDuration, formatInstant } from './format';
import { html, type Html } from './html';
import { actionForm, layout, statusBadge } from './layout';
import { redactedJson } from './redact';
import type { ViewContext } from './view-context';

function attempt(ctx: ViewContext, run: RunRecord): Html {
  const result =
    run.result === null || run.result === undefined
      ? null
      : html`<pre>${redactedJson(run.result, ctx.secretFields)}</pre>`;
  return html`<li>
    <strong>Attempt ${run.attempt}</strong> ${statusBadge(run.status)}
    <span class="muted"
      >${formatInstant(run.startedAt)} → ${formatInstant(run.finishedAt)},
      ${formatDuration(run.durationMs)}, on ${run.instance}</span
    >
    ${run.error ? html`<div class="err">${run.error}</div>` : null}${result}
  </li>`;
}

/** One event: its fields, its payload (secrets redacted) and its attempts as a timeline. */
export function eventPage(ctx: ViewContext, event: EventRecord, runs: RunRecord[]): Html {
  const retryable = event.status === 'failed' || event.status === 'dead_letter';
  const facts = html`<table>
    <tr>
      <th>Job</th>
      <td>${event.job}</td>
    </tr>
    <tr>
      <th>Status</th>
      <td>
        ${statusBadge(event.status)}
        ${retryable ? actionForm(ctx, `/events/${event.id}/retry`, 'Retry') : null}
      </td>
    </tr>
    <tr>
      <th>Source</th>
      <td>${event.source}</td>
    </tr>
    <tr>
      <th>Created</th>
      <td>${formatInstant(event.createdAt)}</td>
    </tr>
    <tr>
      <th>Scheduled for</th>
      <td>${formatInstant(event.scheduledAt)}</td>
    </tr>
    <tr>
      <th>Run after</th>
      <td>${formatInstant(event.runAfter)}</td>
    </tr>
    <tr>
      <th>Attempts</th>
      <td>${event.attempt}</td>
    </tr>
    ${
      event.error
        ? html`<tr>
            <th>Error</th>
            <td class="err">${event.error}</td>
          </tr>`
        : null
    }
  </table>`;
  const timeline = runs.length
    ? html`<ol class="timeline">
        ${[...runs].sort((a, b) => a.attempt - b.attempt).map((r) => attempt(ctx, r))}
      </ol>`
    : html`<p class="muted">No attempt has started yet.</p>`;
  return layout(
    ctx,
    `Event #${event.id}`,
    html`${facts}
      <h2>Payload</h2>
      <pre id="payload">${redactedJson(event.payload, ctx.secretFields)}</pre>
      <h2>Attempts</h2>
      ${timeline}`,
  );
}
