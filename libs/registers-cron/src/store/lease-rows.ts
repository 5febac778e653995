import type { StatementRunner } from './statement-runner';
import { TABLES } from './tables/cron-tables';

/** Named leases that one instance at a time holds (the file watcher's leadership). */
export class LeaseRows {
  constructor(private readonly statements: StatementRunner) {}

  /**
   * Takes or renews the lease `name` for `holder` until `until`: true when `holder` has it.
   * A lease changes hands only once it has run out, so at most one holder at a time.
   */
  async acquire(name: string, holder: string, now: number, until: number): Promise<boolean> {
    const updated = await this.statements.execute(
      `UPDATE ${TABLES.leases} SET holder = ?, held_until = ? WHERE name = ? AND (holder = ? OR held_until < ?)`,
      [holder, until, name, holder, now],
    );
    if (updated > 0) return true;
    try {
      await this.statements.execute(
        `INSERT INTO ${TABLES.leases} (name, holder, held_until) VALUES (?, ?, ?)`,
        [name, holder, until],
      );
      return true;
    } catch (error) {
      // The row exists (another holder, or a racing insert): not ours.
      if (await this.statements.one(`SELECT name FROM ${TABLES.leases} WHERE name = ?`, [name]))
        return false;
      throw error;
    }
  }

  async release(name: string, holder: string): Promise<void> {
    await this.statements.execute(`DELETE FROM ${TABLES.leases} WHERE name = ? AND holder = ?`, [
      name,
      holder,
    ]);
  }
}
