import type { InstanceRecord } from '../interfaces/records.interface';
import { formatAge, formatInstant } from './format';
import { html, type Html } from './html';
import { layout } from './layout';
import type { ViewContext } from './view-context';

/** The live replicas (fresh heartbeat), with the age of each one's last heartbeat. */
export function instancesPage(ctx: ViewContext, instances: InstanceRecord[], self: string): Html {
  const head = html`<tr>
    <th>Instance</th>
    <th>Host</th>
    <th>PID</th>
    <th>Started</th>
    <th>Last heartbeat</th>
  </tr>`;
  const rows = instances.length
    ? instances.map(
        (i) =>
          html`<tr>
            <td>${i.id}${i.id === self ? html` <span class="muted">(this one)</span>` : null}</td>
            <td>${i.host}</td>
            <td class="num">${i.pid}</td>
            <td>${formatInstant(i.startedAt)}</td>
            <td>${formatAge(i.heartbeatAt, ctx.now)}</td>
          </tr>`,
      )
    : html`<tr>
        <td colspan="5" class="muted">No live instance (is the runtime started?).</td>
      </tr>`;
  return layout(
    ctx,
    'Instances',
    html`<table>
      ${head}${rows}
    </table>`,
  );
}

/** A short message page for refusals and failures (never a stack trace). */
export function messagePage(base: string, title: string, message: string): Html {
  return layout({ base }, title, html`<p class="notice">${message}</p>`);
}
