import type { CanActivate, Type } from '@nestjs/common';
import { dashboardMessages } from '../common/dashboard-messages';
import { CronConfigurationError } from '../common/errors';
import type { CronDashboardOptions } from '../interfaces/cron-module-options.interface';
import { LoopbackOnlyGuard } from './loopback-only.guard';
import { DEFAULT_SECRET_FIELDS } from './redact';

export const DEFAULT_DASHBOARD_PATH = '/cron';
export const DEFAULT_DASHBOARD_PAGE_SIZE = 50;

/** The dashboard options checked, with their defaults. */
export interface DashboardConfig {
  /** The mount point without a trailing slash (`/cron`). */
  base: string;
  guard: Type<CanActivate> | CanActivate;
  readOnly: boolean;
  secretFields: readonly string[];
  pageSize: number;
}

/**
 * Checks the dashboard options when the module is built, so a dashboard that would be open
 * to anyone never starts: without a guard it must be read-only, and it then answers
 * loopback requests only.
 */
export function resolveDashboardConfig(options: CronDashboardOptions): DashboardConfig {
  const path = options.path ?? DEFAULT_DASHBOARD_PATH;
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(path) || path.includes('//')) {
    throw new CronConfigurationError(dashboardMessages.badPath(path), { option: 'dashboard.path' });
  }
  const base = path.replace(/\/+$/, '') || '';
  const readOnly = options.readOnly === true;
  if (!options.guard && !readOnly) {
    throw new CronConfigurationError(dashboardMessages.guardRequired(path), {
      option: 'dashboard.guard',
    });
  }
  const pageSize = options.pageSize ?? DEFAULT_DASHBOARD_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new CronConfigurationError(dashboardMessages.badPageSize(pageSize), {
      option: 'dashboard.pageSize',
    });
  }
  return {
    base,
    guard: options.guard ?? LoopbackOnlyGuard,
    readOnly,
    secretFields: options.secretFields ?? DEFAULT_SECRET_FIELDS,
    pageSize,
  };
}
