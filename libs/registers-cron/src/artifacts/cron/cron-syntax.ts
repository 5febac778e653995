import type { CronField, CronItem, ParsedCron } from './cron-expression';
import { isFull } from './cron-expression';
import { valueSegments } from './value-segments';

export type CronSyntaxResult = { ok: true; expression: string } | { ok: false; feature: string };

/**
 * The 5-field cron expression (numbers only, day of week 0–6) with the same fires as `cron`
 * under croner's rules, valid for Vixie cron/cronie, GitHub Actions and Kubernetes alike.
 *
 * Day of month and day of week combine with OR when both are restricted. cronie decides that
 * by the first character (a stepped `*` counts as `*` there and gives AND), croner and Kubernetes
 * by the whole field, so when both are restricted, `*`-led parts are written as ranges (`1-31/2`).
 */
export function toCronSyntax(cron: ParsedCron): CronSyntaxResult {
  if (cron.second.values.length !== 1 || cron.second.values[0] !== 0) {
    return {
      ok: false,
      feature: `seconds '${fieldSource(cron.second)}' (one-minute resolution)`,
    };
  }
  const bothDays = !cron.dayOfMonth.star && !cron.dayOfWeek.star;
  if (cron.dayAndLogic && bothDays) {
    return { ok: false, feature: "'+' (day of month AND day of week)" };
  }
  const expression = [
    renderField(cron.minute, false),
    renderField(cron.hour, false),
    renderField(cron.dayOfMonth, bothDays),
    renderField(cron.month, false),
    renderField(cron.dayOfWeek, bothDays),
  ].join(' ');
  return { ok: true, expression };
}

function renderField(field: CronField, noLeadingStar: boolean): string {
  if (field.star) return '*';
  const hasSeven =
    field.name === 'dayOfWeek' && field.items.some((i) => !i.wildcard && i.end === 7);
  const starLed = field.items.some((i) => i.wildcard);
  if (hasSeven || (noLeadingStar && starLed)) return compactCronField(field);
  return field.items.map(renderItem).join(',');
}

function renderItem(item: CronItem): string {
  const step = item.step === 1 ? '' : `/${item.step}`;
  if (item.wildcard) return `*${step}`;
  if (item.start === item.end) return `${item.start}`;
  return `${item.start}-${item.end}${step}`;
}

/** The field's values written as ranges, stepped ranges and single values, never `*`-led. */
export function compactCronField(field: CronField): string {
  if (isFull(field) && field.name !== 'dayOfMonth' && field.name !== 'dayOfWeek') return '*';
  return valueSegments(field.values)
    .map((s) =>
      s.start === s.end ? `${s.start}` : `${s.start}-${s.end}${s.step === 1 ? '' : `/${s.step}`}`,
    )
    .join(',');
}

/** The field as the items describe it (for messages). */
export function fieldSource(field: CronField): string {
  return field.star ? '*' : field.items.map(renderItem).join(',');
}

/** Seconds after midnight at which the schedule may fire on a day it fires, ascending. */
export function timesOfDay(cron: ParsedCron): number[] {
  const out: number[] = [];
  for (const h of cron.hour.values) {
    for (const m of cron.minute.values) {
      for (const s of cron.second.values) out.push(h * 3600 + m * 60 + s);
    }
  }
  return out;
}

/** A lower bound of the time between two fires, in seconds (the closest two times of day). */
export function minGapSeconds(cron: ParsedCron): number {
  const times = timesOfDay(cron);
  let gap = 86_400 - times[times.length - 1] + times[0];
  for (let i = 1; i < times.length; i += 1) gap = Math.min(gap, times[i] - times[i - 1]);
  return gap;
}
