import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';

export interface FieldIssue {
  field: string;
  messages: string[];
}

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

/**
 * Path params are left to their own pipes (ParseIdPipe): the plain ValidationPipe would turn
 * `1e3` into 1000 before they see the text.
 */
export class RequestValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}

/**
 * DTO validation for every route: unknown properties are refused (not silently dropped),
 * and the 400 body lists the messages per field:
 * `{ statusCode: 400, error: 'Bad Request', message: [...], issues: [{ field, messages }] }`.
 * class-validator's default messages never repeat the submitted value.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const issues = fieldIssues(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: issues.flatMap((i) => i.messages),
        issues,
      });
    },
  });
}
