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
    const forbidden = forbiddenKeyPath(value);
    if (forbidden) {
      const message = `property ${forbidden} should not exist`;
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: [message],
        issues: [{ field: forbidden, messages: [message] }],
      });
    }
    return super.transform(value, metadata);
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `JSON.parse` keeps `__proto__` as an own key; class-transformer would skip it silently, but
 * like any unknown property it is refused (with its path, e.g. `items.0.__proto__`).
 */
function forbiddenKeyPath(value: unknown, path = '', depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return here;
    const nested = forbiddenKeyPath((value as Record<string, unknown>)[key], here, depth + 1);
    if (nested) return nested;
  }
  return undefined;
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
