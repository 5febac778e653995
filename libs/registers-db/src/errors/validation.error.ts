import { RegistryError, type RegistryErrorContext } from './registry-error';

/** One failed class-validator rule set, per field. */
export interface FieldValidationIssue {
  field: string;
  messages: string[];
}

/** Input breaks the model's class-validator rules; `issues` lists them per field. */
export class ValidationError extends RegistryError {
  readonly issues: FieldValidationIssue[];

  constructor(message: string, issues: FieldValidationIssue[], context: RegistryErrorContext = {}) {
    super(message, { ...context, fields: issues.map((i) => i.field), issues });
    this.issues = issues;
  }
}
