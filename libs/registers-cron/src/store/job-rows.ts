import type { StatementRunner } from './statement-runner';
import { TABLES } from './tables/cron-tables';
import { numOrNull } from './tables/stored-event';

/**
 * Schedule bookkeeping, one row per declared job: its trigger, the paused flag and the
 * high-water mark (the latest fire inserted as an event).
 */
export class JobRows {
  constructor(private readonly statements: StatementRunner) {}

  /** Records a declared job (kind and spec), keeping its paused flag and high-water mark. */
  async sync(name: string, kind: string, spec: string, now: number): Promise<void> {
    const changed = await this.statements.execute(
      `UPDATE ${TABLES.jobs} SET kind = ?, spec = ?, updated_at = ? WHERE name = ?`,
      [kind, spec, now, name],
    );
    if (changed > 0) return;
    try {
      await this.statements.execute(
        `INSERT INTO ${TABLES.jobs} (name, kind, spec, paused, last_fire_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?)`,
        [name, kind, spec, false, now],
      );
    } catch (error) {
      // Another process inserted it first: that row is as good as ours.
      if (!(await this.statements.one(`SELECT name FROM ${TABLES.jobs} WHERE name = ?`, [name])))
        throw error;
    }
  }

  async state(name: string): Promise<{ paused: boolean; lastFireAt: number | null } | undefined> {
    const row = await this.statements.one(
      `SELECT paused, last_fire_at FROM ${TABLES.jobs} WHERE name = ?`,
      [name],
    );
    if (!row) return undefined;
    return {
      paused: Boolean(Number(row.paused)), // true/false on PostgreSQL, 1/0 elsewhere
      lastFireAt: numOrNull(row.last_fire_at),
    };
  }

  async paused(): Promise<Set<string>> {
    const rows = await this.statements.query(`SELECT name FROM ${TABLES.jobs} WHERE paused = ?`, [
      true,
    ]);
    return new Set(rows.map((r) => String(r.name)));
  }

  async setPaused(name: string, paused: boolean, now: number): Promise<void> {
    await this.statements.execute(
      `UPDATE ${TABLES.jobs} SET paused = ?, updated_at = ? WHERE name = ?`,
      [paused, now, name],
    );
  }

  /** Moves the high-water mark forward only (never back), so catch-up stays exact with many schedulers. */
  async advanceHighWater(name: string, fireAt: number): Promise<void> {
    await this.statements.execute(
      `UPDATE ${TABLES.jobs} SET last_fire_at = ? WHERE name = ? AND (last_fire_at IS NULL OR last_fire_at < ?)`,
      [fireAt, name, fireAt],
    );
  }
}
