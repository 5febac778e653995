import { ModelOperation } from '../context/model-operation';

/**
 * Autoincrement keys the app writes itself: where the database does not move the key's
 * counter past them (PostgreSQL sequences), the write moves it; a no-op elsewhere.
 */
export class KeySequence<T extends object> extends ModelOperation<T> {
  /** Moves the counter past the keys written; call it inside the write's transaction. */
  async sync(operation: string): Promise<void> {
    const sync = this.statement();
    if (!sync) return;
    try {
      await this.run.connection.query(sync.sql, sync.params);
    } catch (error) {
      throw await this.run.normalize(error, operation);
    }
  }

  /**
   * Runs a write that chooses an autoincrement key itself, contained like any write; where
   * the key's counter needs moving, the write and the move share one (sub)transaction.
   */
  writeWithExplicitKey<R>(operation: string, write: () => Promise<R>): Promise<R> {
    if (!this.statement()) return this.run.contained(write);
    return this.run.transaction(async () => {
      const result = await write();
      await this.sync(operation);
      return result;
    });
  }

  /** True when an upsert on `conflict` may write the key itself and its counter then needs moving. */
  needsSync(conflict: readonly unknown[]): boolean {
    return conflict[0] === this.model.keyField && this.statement() !== undefined;
  }

  private statement() {
    return this.table.statements.generatedKey
      ? this.model.dialect.syncKeySequence?.(this.model.meta.table, this.table.statements.keyColumn)
      : undefined;
  }
}
