import type { DatabaseConnection } from '../connection/database-connection';
import type { Dialect } from '../dialects/base/dialect.interface';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { auditModel, auditTableName } from '../schema/synthetic-model';
import { currentAuditActor } from './scopes/audit-actor';

export type AuditOperation = 'create' | 'update' | 'upsert' | 'delete' | 'restore' | 'hardDelete';

/**
 * Writes `<table>_audit` rows for an `auditLog` model: table, record key, operation, the
 * names of the changed fields (never their values) and the actor of the `auditActor`
 * scope. Runs through the connection, so it joins the write's transaction.
 */
export class AuditTrail {
  private readonly columns: string[];
  private readonly auditMeta: ModelMetadata;

  constructor(
    private readonly meta: ModelMetadata,
    private readonly connection: DatabaseConnection,
    private readonly dialect: Dialect,
  ) {
    this.auditMeta = auditModel(meta.table);
    this.columns = this.auditMeta.fields.filter((f) => !f.isKey).map((f) => f.column);
  }

  async write(
    operation: AuditOperation,
    keys: unknown[],
    changedFields: string[] | null,
  ): Promise<void> {
    if (keys.length === 0) return;
    const fields = this.auditMeta.fields.filter((f) => !f.isKey);
    const actor = currentAuditActor() ?? null;
    const now = new Date();
    const perStatement = Math.max(
      1,
      Math.floor(Math.min(1000, this.dialect.maxParameters / fields.length)),
    );
    for (let start = 0; start < keys.length; start += perStatement) {
      const chunk = keys.slice(start, start + perStatement);
      const params: unknown[] = [];
      for (const key of chunk) {
        const row: Record<string, unknown> = {
          tableName: this.meta.table,
          recordKey: String(key),
          operation,
          changedFields,
          actor,
          createdAt: now,
        };
        for (const field of fields) params.push(this.dialect.toDriver(field, row[field.property]));
      }
      await this.connection.execute(
        this.dialect.insertSql(auditTableName(this.meta.table), this.columns, chunk.length),
        params,
      );
    }
  }
}
