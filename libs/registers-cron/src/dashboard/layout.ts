import { Html, html } from './html';
import type { ViewContext } from './view-context';

/**
 * Sent with every dashboard answer: nothing may load or run but the page's own inline
 * styles and data: images, forms post only back to the dashboard, and no site may frame it.
 */
export const DASHBOARD_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
header strong{margin-right:1rem}header a{color:#c9d3e6;text-decoration:none}
header a.on{color:#fff;border-bottom:2px solid #7aa7ff}
main{padding:1rem 1.2rem}h1{font-size:1.3rem;margin:.2rem 0 1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e6ec;vertical-align:top}
th{font-weight:600;background:#eef1f5}td.num{text-align:right;white-space:nowrap}
.st{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85em;background:#e3e6ec}
.st-succeeded{background:#d5f2dc;color:#10502a}.st-failed,.st-timeout,.st-dead_letter{background:#fbdada;color:#7a1212}
.st-running,.st-pending{background:#dce8ff;color:#173d86}.st-paused{background:#fff0c2;color:#6b4a00}
pre{background:#fff;border:1px solid #e3e6ec;padding:.6rem;overflow:auto;max-height:24rem}
form.inline{display:inline}button{font:inherit;padding:.15rem .6rem;cursor:pointer}
textarea{display:block;font:12px monospace;width:15rem;height:2.6rem;margin:.4rem 0 .2rem}
td.nowrap{white-space:nowrap}.muted{color:#6b7385}
.err{color:#7a1212;max-width:28rem;overflow-wrap:anywhere}.filters{margin-bottom:.8rem}
ol.timeline{list-style:none;padding:0;border-left:3px solid #c9d3e6;margin-left:.4rem}
ol.timeline li{padding:.3rem .8rem;position:relative}
ol.timeline li:before{content:'';position:absolute;left:-.5rem;top:.7rem;width:.7rem;height:.7rem;border-radius:50%;background:#7aa7ff}
.notice{background:#fff;border-left:4px solid #7a1212;padding:.6rem 1rem}`;

const NAV: Array<[string, string]> = [
  ['', 'Jobs'],
  ['/runs', 'Runs'],
  ['/dead-letters', 'Dead letters'],
  ['/instances', 'Instances'],
];

/** A whole page: head with the inline style sheet, the navigation, the page's body. */
export function layout(ctx: Pick<ViewContext, 'base'>, title: string, body: Html): Html {
  const nav = NAV.map(
    ([href, label]) =>
      html`<a href="${ctx.base}${href || '/'}" class="${label === title ? 'on' : ''}">${label}</a>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${title} · cron</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <header><strong>cron</strong>${nav}</header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

/** A status word in its colour (the word itself carries the meaning). */
export function statusBadge(status: string): Html {
  return html`<span class="st st-${status.replace(/[^a-z_]/g, '')}"
    >${status.replace('_', ' ')}</span
  >`;
}

/** A POST form with the CSRF token, or nothing when the dashboard is read-only. */
export function actionForm(ctx: ViewContext, action: string, label: string, extra?: Html): Html {
  if (ctx.csrf === null) return html``;
  return html`<form class="inline" method="post" action="${ctx.base}${action}">
    <input type="hidden" name="_csrf" value="${ctx.csrf}" />${extra}<button type="submit">
      ${label}
    </button>
  </form>`;
}
