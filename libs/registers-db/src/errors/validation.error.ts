import { RegistryError, type RegistryErrorContext } from './registry-error';

/** One failed class-validator rule set, per field. */
export interface FieldValidationIssue {
  field: string;
  messages: string[];
}

/**
 * Input breaks the model's class-validator rules, or the database refused a value (out of
 * range, too long, …: then the driver error is kept as `cause`); `issues` lists them per field.
 */
export class ValidationError extends RegistryError {
  readonly issues: FieldValidationIssue[];

  constructor(
    message: string,
    issues: FieldValidationIssue[],
    context: RegistryErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, { ...context, fields: issues.map((i) => i.field), issues }, options);
    this.issues = issues;
  }
}
