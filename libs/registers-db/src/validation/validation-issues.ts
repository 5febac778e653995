import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { FieldValidationIssue } from '../errors';

/** class-validator's nested errors as one issue list with dotted paths (`address.city`). */
export function issuesFromClassValidator(
  errors: ClassValidatorError[],
  prefix = '',
): FieldValidationIssue[] {
  const issues: FieldValidationIssue[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) issues.push({ field, messages: Object.values(error.constraints) });
    if (error.children?.length) issues.push(...issuesFromClassValidator(error.children, field));
  }
  return issues;
}

/** Collects issues per field, keeping the order in which fields first failed. */
export class IssueList {
  // Created with the first issue: most writes are valid and never need it.
  private byField?: Map<string, string[]>;

  add(field: string, message: string): void {
    this.byField ??= new Map();
    const messages = this.byField.get(field);
    if (messages) {
      if (!messages.includes(message)) messages.push(message);
    } else this.byField.set(field, [message]);
  }

  addAll(issues: FieldValidationIssue[]): void {
    for (const issue of issues)
      for (const message of issue.messages) this.add(issue.field, message);
  }

  get empty(): boolean {
    return this.byField === undefined;
  }

  toArray(): FieldValidationIssue[] {
    return this.byField ? [...this.byField].map(([field, messages]) => ({ field, messages })) : [];
  }
}
