import { Logger } from '@nestjs/common';
import type { DatabaseConnection } from '@registers/db';
import type { Pool, PoolClient } from 'pg';
import { messages } from '../../common/messages';

/** The channel every event insert notifies (see postgresCronSql.insertEvent). */
export const NOTIFY_CHANNEL = 'registers_cron_events';
const RECONNECT_MS = 2000;

/**
 * Holds one client of the pool on `LISTEN registers_cron_events` and calls `onEvent` for each
 * notification, so idle workers of every replica wake at once. A lost client is replaced
 * after a short pause (polling covers the gap).
 */
export async function listenForEvents(
  connection: DatabaseConnection,
  onEvent: () => void,
): Promise<() => Promise<void>> {
  const logger = new Logger('RegistersCron');
  const pool = (await connection.driverHandle()) as Pool;
  let client: PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const handlers = new Map<PoolClient, () => void>();
  // Once per client: the pool throws on a second release, and an error can arrive after
  // stop gave the client back (the server closing idle connections, say).
  const giveBack = (held: PoolClient, error?: Error) => {
    const detach = handlers.get(held);
    if (!detach) return;
    handlers.delete(held);
    detach();
    held.release(error ?? true);
  };

  const connect = async (): Promise<void> => {
    const next = await pool.connect();
    const onNotification = () => onEvent();
    const onError = (error: Error) => {
      giveBack(next, error);
      if (client === next) client = undefined;
      if (stopped) return;
      logger.warn(messages.listenLost(error.message));
      scheduleReconnect();
    };
    next.on('notification', onNotification);
    next.on('error', onError);
    handlers.set(next, () => {
      next.off('notification', onNotification);
      next.off('error', onError);
    });
    await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
    if (stopped) {
      giveBack(next);
      return;
    }
    client = next;
  };

  const scheduleReconnect = () => {
    retry = setTimeout(() => {
      connect().catch(() => !stopped && scheduleReconnect());
    }, RECONNECT_MS);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const held = client;
    client = undefined;
    if (!held) return;
    await held.query(`UNLISTEN ${NOTIFY_CHANNEL}`).catch(() => undefined);
    giveBack(held);
  };
}
