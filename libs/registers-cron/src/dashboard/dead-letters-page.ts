import type { EventRecord } from '../interfaces/records.interface';
import { formatInstant } from './format';
import { html, type Html } from './html';
import { actionForm, layout } from './layout';
import type { ViewContext } from './view-context';

function row(ctx: ViewContext, event: EventRecord): Html {
  return html`<tr data-event="${event.id}">
    <td><a href="${ctx.base}/events/${event.id}">#${event.id}</a></td>
    <td>${event.job}</td>
    <td>${event.source}</td>
    <td class="num">${event.attempt}</td>
    <td>${formatInstant(event.createdAt)}</td>
    <td class="err">${event.error ?? ''}</td>
    ${ctx.csrf === null ? null : html`<td>${actionForm(ctx, `/events/${event.id}/retry`, 'Retry')}</td>`}
  </tr>`;
}

/** Events that used up their attempts, newest first, each with a retry. */
export function deadLettersPage(ctx: ViewContext, events: EventRecord[]): Html {
  const head = html`<tr>
    <th>Event</th>
    <th>Job</th>
    <th>Source</th>
    <th>Attempts</th>
    <th>Created</th>
    <th>Last error</th>
    ${ctx.csrf === null ? null : html`<th></th>`}
  </tr>`;
  const rows = events.length
    ? events.map((e) => row(ctx, e))
    : html`<tr>
        <td colspan="7" class="muted">No dead letters.</td>
      </tr>`;
  return layout(
    ctx,
    'Dead letters',
    html`<table>
      ${head}${rows}
    </table>`,
  );
}
