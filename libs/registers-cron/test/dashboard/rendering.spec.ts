import { durationChart } from '../../src/dashboard/duration-chart';
import { escapeHtml, html, Html, query } from '../../src/dashboard/html';
import { isLoopback } from '../../src/dashboard/loopback-only.guard';
import { DEFAULT_SECRET_FIELDS, isSecretField, redact, REDACTED } from '../../src/dashboard/redact';
import { describeFailure } from '../../src/dashboard/dashboard-exception.filter';
import { UnknownJobError } from '../../src/common/errors';
import type { RunRecord } from '../../src/interfaces/records.interface';

describe('dashboard rendering', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const hostile = `<img src=x onerror="alert('1')">&\``;
    const out = html`<td title="${hostile}">${hostile}</td>`.text;
    expect(out).toBe(
      '<td title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;</td>',
    );
    expect(escapeHtml(42)).toBe('42');
  });

  it('keeps nested Html as markup and drops null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`${inner}${null}${undefined}${false}${[inner, 'x<']}`.text).toBe(
      '<b>&lt;i&gt;</b><b>&lt;i&gt;</b>x&lt;',
    );
    expect(new Html('<p>').toString()).toBe('<p>');
  });

  it('builds query strings from the set values only', () => {
    expect(query({ job: 'a b&c', status: undefined, before: 5, empty: '' })).toBe(
      '?job=a+b%26c&before=5',
    );
    expect(query({})).toBe('');
  });

  it('redacts secret-named fields at any depth, whatever their case or separators', () => {
    const payload = {
      user: 'ann',
      Password: 'p1',
      db_password: 'p2',
      'X-Api-Key': 'k1',
      apiKey: 'k2',
      nested: [{ refreshToken: 't1', clientSecret: { deep: 's1' } }, 'plain'],
      headers: { Authorization: 'Bearer b1' },
    };
    expect(redact(payload, DEFAULT_SECRET_FIELDS)).toEqual({
      user: 'ann',
      Password: REDACTED,
      db_password: REDACTED,
      'X-Api-Key': REDACTED,
      apiKey: REDACTED,
      nested: [{ refreshToken: REDACTED, clientSecret: REDACTED }, 'plain'],
      headers: { Authorization: REDACTED },
    });
    expect(payload.Password).toBe('p1');
    expect(isSecretField('ssn', ['ssn'])).toBe(true);
    expect(isSecretField('ssn', DEFAULT_SECRET_FIELDS)).toBe(false);
    expect(redact('token', DEFAULT_SECRET_FIELDS)).toBe('token');
  });

  it('tells loopback addresses from the others', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.2', '::ffff:10.0.0.2', '0.0.0.0', '::', '1127.0.0.1', undefined, ''])
      expect(isLoopback(a)).toBe(false);
  });

  it('draws one bar per run, oldest first, coloured by outcome and titled for screen readers', () => {
    const run = (id: number, status: RunRecord['status'], durationMs: number): RunRecord => ({
      id,
      job: 'j',
      eventId: id,
      attempt: 1,
      status,
      startedAt: `2026-03-01T00:00:0${id}.000Z`,
      finishedAt: null,
      durationMs,
      result: null,
      error: null,
      instance: 'i',
    });
    const svg = durationChart('j', [
      run(3, 'failed', 50),
      run(2, 'succeeded', 200),
      run(1, 'succeeded', 100),
    ]).text;
    const bars = [
      ...svg.matchAll(/<rect\s[^>]*height="(\d+)"\s+fill="([^"]+)"\s*><title>\s*([^<]+?)\s*</g),
    ];
    expect(bars.map((b) => [Number(b[1]), b[2], b[3]])).toEqual([
      [19, '#2e9a52', 'succeeded, 100 ms, 2026-03-01 00:00:01Z'],
      [38, '#2e9a52', 'succeeded, 200 ms, 2026-03-01 00:00:02Z'],
      [10, '#c83232', 'failed, 50 ms, 2026-03-01 00:00:03Z'],
    ]);
    expect(svg).toContain('aria-label="j: last 3 runs, 1 failed, longest 200 ms"');
    expect(durationChart('j', []).text).toContain('no runs yet');
  });

  it('shows only known-safe texts for failures', () => {
    expect(describeFailure(new UnknownJobError("No job named 'x'."))).toEqual({
      status: 404,
      message: "No job named 'x'.",
    });
    expect(describeFailure(new Error('connection string postgres://u:pw@h/db'))).toEqual({
      status: 500,
      message: 'Something went wrong; the application log has the details.',
    });
  });
});
