/**
 * Every error of @registers/db extends RegistryError. `context` names the model, table,
 * operation, fields and row index where they apply, and never carries a secret value
 * (password, hash, ciphertext, token). `toJSON()` gives `{ type, message, context }`.
 */
export interface RegistryErrorContext {
  model?: string;
  table?: string;
  operation?: string;
  field?: string;
  fields?: string[];
  operator?: string;
  rowIndex?: number;
  constraint?: string;
  [key: string]: unknown;
}

export class RegistryError extends Error {
  readonly context: RegistryErrorContext;

  constructor(message: string, context: RegistryErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.context = context;
  }

  toJSON(): { type: string; message: string; context: RegistryErrorContext } {
    return { type: this.name, message: this.message, context: this.context };
  }
}

export class ConfigurationError extends RegistryError {}
export class ModelRegistrationError extends RegistryError {}
export class SchemaError extends RegistryError {}
export class MigrationError extends RegistryError {}
export class RelationshipError extends RegistryError {}
export class DuplicateKeyError extends RegistryError {}
export class InvalidPrimaryKeyAssignmentError extends RegistryError {}
export class ImmutableFieldError extends RegistryError {}
export class UniqueConstraintError extends RegistryError {}
export class ForeignKeyViolationError extends RegistryError {}
export class NotNullViolationError extends RegistryError {}
export class RecordNotFoundError extends RegistryError {}
export class InvalidQueryError extends RegistryError {}

/** One failed class-validator rule set, per field. */
export interface FieldValidationIssue {
  field: string;
  messages: string[];
}

export class ValidationError extends RegistryError {
  readonly issues: FieldValidationIssue[];

  constructor(message: string, issues: FieldValidationIssue[], context: RegistryErrorContext = {}) {
    super(message, { ...context, fields: issues.map((i) => i.field), issues });
    this.issues = issues;
  }
}
