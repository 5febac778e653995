/** What every page needs besides its data: where it is mounted, the form token, the time. */
export interface ViewContext {
  /** The mount point without a trailing slash (`/cron`). */
  base: string;
  /** The CSRF token for action forms; null when the dashboard is read-only (no forms at all). */
  csrf: string | null;
  /** The clock of the cron runtime, in epoch ms (heartbeat ages). */
  now: number;
  secretFields: readonly string[];
}
