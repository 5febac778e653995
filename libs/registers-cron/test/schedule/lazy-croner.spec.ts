/* eslint-disable @typescript-eslint/no-require-imports -- each test loads modules into a fresh registry */
type Schedule = typeof import('../../src/schedule');

/**
 * `jest.resetModules()` gives each test a fresh module registry, and `require.cache` lists it.
 * (`jest.isolateModules` is not used: in jest 29 `require.cache` keeps listing the outer
 * registry inside it, so a check there would pass whatever was loaded.)
 */
const cronerLoaded = (): boolean =>
  Object.keys(require.cache).some((key) => key.includes('/node_modules/croner/'));
const loadSchedule = (): Schedule => require('../../src/schedule');

describe('croner is loaded lazily', () => {
  beforeEach(() => jest.resetModules());

  it('is not loaded by the index, timezoneProblem or interval schedules', () => {
    const schedule = loadSchedule();
    expect(Object.keys(require.cache).some((key) => key.includes('/src/schedule/'))).toBe(true);
    expect(schedule.timezoneProblem('Mars/Base')).toBe("unknown time zone 'Mars/Base'");
    const interval = { kind: 'interval' as const, everySeconds: 60, offsetSeconds: 0 };
    expect(schedule.scheduleFor(interval).firesBetween(0, 180_000)).toEqual([
      60_000, 120_000, 180_000,
    ]);
    expect(schedule.explainSchedule(interval, 0, 1)).toHaveLength(1);
    expect(cronerLoaded()).toBe(false);
  });

  it('is loaded by a cron schedule', () => {
    const schedule = loadSchedule();
    expect(cronerLoaded()).toBe(false);
    schedule.cronSchedule({ kind: 'cron', expression: '@daily', timezone: 'UTC' });
    expect(cronerLoaded()).toBe(true);
  });

  it('is loaded by cronExpressionProblem', () => {
    const schedule = loadSchedule();
    expect(cronerLoaded()).toBe(false);
    expect(schedule.cronExpressionProblem('@daily', 'UTC')).toBeUndefined();
    expect(cronerLoaded()).toBe(true);
  });
});
