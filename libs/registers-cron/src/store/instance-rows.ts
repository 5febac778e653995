import type { InstanceRecord } from '../interfaces/records.interface';
import type { StatementRunner } from './statement-runner';
import { TABLES } from './tables/cron-tables';
import { iso } from './tables/records';
import { num } from './tables/stored-event';

/** The live instances (one heartbeat row each) and the database clock they all compare against. */
export class InstanceRows {
  constructor(private readonly statements: StatementRunner) {}

  async heartbeat(
    instance: Omit<InstanceRecord, 'startedAt' | 'heartbeatAt'>,
    startedAt: number,
    now: number,
  ): Promise<void> {
    const updated = await this.statements.execute(
      `UPDATE ${TABLES.runtime} SET heartbeat_at = ? WHERE id = ?`,
      [now, instance.id],
    );
    if (updated > 0) return;
    await this.statements.execute(
      `INSERT INTO ${TABLES.runtime} (id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)`,
      [instance.id, instance.host, instance.pid, startedAt, now],
    );
  }

  async remove(id: string): Promise<void> {
    await this.statements.execute(`DELETE FROM ${TABLES.runtime} WHERE id = ?`, [id]);
  }

  async dropDead(before: number): Promise<void> {
    await this.statements.execute(`DELETE FROM ${TABLES.runtime} WHERE heartbeat_at < ?`, [before]);
  }

  async alive(aliveAfter: number): Promise<InstanceRecord[]> {
    const rows = await this.statements.query(
      `SELECT id, host, pid, started_at, heartbeat_at FROM ${TABLES.runtime} WHERE heartbeat_at >= ? ORDER BY started_at, id`,
      [aliveAfter],
    );
    return rows.map((r) => ({
      id: String(r.id),
      host: String(r.host),
      pid: num(r.pid),
      startedAt: iso(num(r.started_at)),
      heartbeatAt: iso(num(r.heartbeat_at)),
    }));
  }

  async lastHeartbeat(id: string): Promise<number | null> {
    const row = await this.statements.one(
      `SELECT heartbeat_at FROM ${TABLES.runtime} WHERE id = ?`,
      [id],
    );
    return row ? num(row.heartbeat_at) : null;
  }

  /** The database's clock, in epoch ms: what every replica compares against. */
  async databaseNow(): Promise<number> {
    const row = await this.statements.one(this.statements.dialect.databaseNow);
    return num(row!.now);
  }
}
