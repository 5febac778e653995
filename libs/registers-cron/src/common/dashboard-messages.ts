/** The user-facing texts of the jobs dashboard (pages, refusals, configuration errors). */
export const dashboardMessages = {
  guardRequired: (path: string) =>
    `The cron dashboard at '${path}' has no guard: pass dashboard.guard (a Nest guard that ` +
    `approves operators), or set dashboard.readOnly: true to serve read-only pages to localhost only.`,
  badPath: (path: string) =>
    `dashboard.path '${path}' is not a route path: give one starting with '/', such as '/cron'.`,
  badPageSize: (size: unknown) =>
    `dashboard.pageSize must be a whole number from 1 to 1000 (got ${String(size)}).`,
  notLoopback: 'The read-only dashboard without a guard answers only requests made on localhost.',
  refused: 'You are not allowed to use the cron dashboard.',
  readOnly: 'The cron dashboard is read-only: actions are turned off.',
  badCsrf:
    'This form is out of date or did not come from the dashboard: reload the page and try again.',
  payloadNotJson: 'The payload must be a JSON object, such as {"key": "value"}.',
  formTooLarge: 'The form is too large.',
  notFound: 'There is no such page or record.',
  failed: 'Something went wrong; the application log has the details.',
};
