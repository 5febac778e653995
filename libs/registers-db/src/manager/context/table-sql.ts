import type { DatabaseConnection } from '../../connection/database-connection';
import { InvalidQueryError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import { AuditTrail } from '../audit-trail';
import { ModelStatements } from '../model-statements';
import type { ModelFacts } from './model-facts';
import { UpsertPlans } from './upsert-plans';

/**
 * What names the model's table: its prepared statements, the upsert statements cached per
 * shape and the audit writer (`<table>_audit`). All are rebuilt when the table is renamed;
 * operations read them here on every call, so they never keep an old name.
 */
export class TableSql<T extends object> {
  statements: ModelStatements;
  upsertPlans: UpsertPlans<T>;
  audit?: AuditTrail;

  constructor(
    private readonly model: ModelFacts<T>,
    private readonly connection: DatabaseConnection,
  ) {
    this.rebuild();
  }

  /** Builds everything from the model's current table name. */
  rebuild(): void {
    const { meta, dialect } = this.model;
    this.statements = new ModelStatements(meta, dialect);
    this.upsertPlans = new UpsertPlans(this.model, this.statements);
    if (meta.auditLog) this.audit = new AuditTrail(meta, this.connection, dialect);
  }

  /** The statements of a soft-delete model; other models refuse the operation. */
  requireSoftDelete(operation: string): ModelStatements {
    if (!this.model.meta.softDelete) {
      throw new InvalidQueryError(
        queryMessages.notSoftDelete(this.model.meta.name, operation),
        this.model.context(operation),
      );
    }
    return this.statements;
  }
}
