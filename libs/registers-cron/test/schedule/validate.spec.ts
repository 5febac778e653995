import { cronExpressionProblem, timezoneProblem } from '../../src/schedule';

describe('cronExpressionProblem', () => {
  it.each([
    ['61 * * * *', /^invalid cron expression '61 \* \* \* \*': .*minute: 61/],
    ['* * *', /^invalid cron expression '\* \* \*': .*five, six, or seven/],
    ['nonsense', /^invalid cron expression 'nonsense': /],
    ['0 0 0 1 1 * 2030', /^invalid cron expression '0 0 0 1 1 \* 2030': .*5 or 6 parts/],
    ['@reboot', /^invalid cron expression '@reboot': .*not supported/],
    [
      '2030-01-01T00:00:00',
      /^invalid cron expression '2030-01-01T00:00:00': a date is not a cron expression$/,
    ],
    ['0 0 30 2 *', /^invalid cron expression '0 0 30 2 \*': it never fires$/],
  ])('explains why %s is refused', (expression, reason) => {
    expect(cronExpressionProblem(expression, 'UTC')).toMatch(reason);
  });

  it.each([
    '0 2 * * *',
    '*/15 * * * * *',
    '0 0 L * *',
    '0 0 15W * *',
    '0 0 * * 5#2',
    '@daily',
    '0 9 * JAN-MAR MON-FRI',
  ])('accepts %s', (expression) => {
    expect(cronExpressionProblem(expression, 'America/New_York')).toBeUndefined();
  });

  it('reports an unknown zone first', () => {
    expect(cronExpressionProblem('0 2 * * *', 'Mars/Base')).toBe("unknown time zone 'Mars/Base'");
  });
});

describe('timezoneProblem', () => {
  it('names an unknown zone', () => {
    expect(timezoneProblem('Mars/Base')).toBe("unknown time zone 'Mars/Base'");
    expect(timezoneProblem('')).toBe("unknown time zone ''");
  });

  it('accepts IANA zones and UTC', () => {
    for (const zone of ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Etc/GMT+5']) {
      expect(timezoneProblem(zone)).toBeUndefined();
    }
  });
});
