import type { DataSource } from 'typeorm';
import { ConfigurationError } from '../../errors';
import { configurationMessages } from '../../errors/messages';

/**
 * What adopting an application's TypeORM DataSource needs of it, shared by the dialects: it
 * must be initialized (its pool is made by `initialize()`), and the driver object under
 * TypeORM's must be the one this library's session speaks to.
 */
export function adoptedDriver<T>(
  source: DataSource,
  read: (driver: any) => unknown,
  accepts: (handle: unknown) => handle is T,
  fix: string,
): T {
  const type = String(source.options.type);
  if (!source.isInitialized)
    throw new ConfigurationError(configurationMessages.adoptedNotInitialized(type), { type });
  const handle = read(source.driver as any);
  if (!accepts(handle))
    throw new ConfigurationError(configurationMessages.adoptedUnsupportedDriver(type, fix), {
      type,
    });
  return handle;
}

/** The DataSource's owner closes its pool: an adopted driver's close only lets go of it. */
export const leaveOpen = async (): Promise<void> => undefined;
