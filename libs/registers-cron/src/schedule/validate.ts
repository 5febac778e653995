import { createCron } from './cron-options';

/** Why `timezone` is not a usable IANA zone, or undefined. Uses `Intl` only: croner is not loaded. */
export function timezoneProblem(timezone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return undefined;
  } catch {
    return `unknown time zone '${timezone}'`;
  }
}

/** Why `expression` is not a usable cron expression in `timezone`, or undefined. Loads croner. */
export function cronExpressionProblem(expression: string, timezone: string): string | undefined {
  const zone = timezoneProblem(timezone);
  if (zone) return zone;
  try {
    // The constructor parses; an impossible date such as `0 0 30 2 *` parses but never fires.
    if (createCron(expression, timezone).nextRun(new Date(0)) === null) {
      return `invalid cron expression '${expression}': it never fires`;
    }
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `invalid cron expression '${expression}': ${reason}`;
  }
}
