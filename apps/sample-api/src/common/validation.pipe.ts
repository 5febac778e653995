import {
  ArgumentMetadata,
  BadRequestException,
  Logger,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { FieldIssue, firstBodyIssue } from './body-scan';
import { findThrowingPath, ruleCrashError } from './rule-crash';

export type { FieldIssue } from './body-scan';

/** class-validator errors as one entry per field; nested fields read `items.0.quantity`. */
export function fieldIssues(errors: ValidationError[], parent = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {}).map((m) =>
      parent ? `${parent}.${m}` : m,
    );
    if (messages.length) issues.push({ field, messages });
    if (error.children?.length) issues.push(...fieldIssues(error.children, field));
  }
  return issues;
}

function badRequest(issues: FieldIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: issues.flatMap((i) => i.messages),
    issues,
  });
}

/**
 * The API's validation of bodies and queries, on top of Nest's ValidationPipe:
 * - forbidden keys and text that is not well-formed are refused first, in any field
 *   (`firstBodyIssue`);
 * - a class-validator rule that throws is a 400 naming the field whose rule threw, never a 500.
 * Path params are left to their own pipes (ParseIdPipe): the plain ValidationPipe would turn
 * `1e3` into 1000 before they see the text.
 */
export class RequestValidationPipe extends ValidationPipe {
  private readonly logger = new Logger('RequestValidation');

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return Promise.resolve(value);
    const issue = firstBodyIssue(value);
    if (issue) throw badRequest([issue]);
    return super.transform(value, metadata);
  }

  protected override async validate(
    object: object,
    options: ValidatorOptions = {},
  ): Promise<ValidationError[]> {
    try {
      return await super.validate(object, options);
    } catch (error) {
      const failure = error instanceof Error ? error.name : typeof error;
      const path = await findThrowingPath(object, (o, opts) => super.validate(o, opts), options);
      const where = `${object.constructor.name}.${path?.join('.') ?? '?'}`;
      // The error's message is not logged: it may quote the value (a password, say).
      this.logger.warn(`A validation rule threw ${failure} on ${where}; answered 400`);
      return [ruleCrashError(path ?? ['body'])];
    }
  }
}

/**
 * DTO validation for every route: unknown properties are refused (not silently dropped),
 * each field reports its first failing rule only, and the 400 body lists the messages per field:
 * `{ statusCode: 400, error: 'Bad Request', message: [...], issues: [{ field, messages }] }`.
 * class-validator's default messages never repeat the submitted value.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One message per field: its first failing rule (each field lists its type check first).
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest(fieldIssues(errors)),
  });
}
