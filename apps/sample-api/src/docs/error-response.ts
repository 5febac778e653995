import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The messages of one field (`items.0.quantity`). */
export class FieldIssueView {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ type: [String], example: ['email must be an email'] }) messages!: string[];
}

/**
 * What an error names besides its message. Registry errors (RegistersExceptionFilter) pass on
 * only `model`, `operation`, `field`, `fields`, `operator`, `rowIndex` and `issues`; the order
 * errors add `productId`, `requested`, `available` (409) and `total`, `maxTotal` (422).
 */
export class ErrorContextView {
  @ApiPropertyOptional({ example: 'Customer' }) model?: string;
  @ApiPropertyOptional({ example: 'create' }) operation?: string;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional({ type: [String] }) fields?: string[];
  @ApiPropertyOptional() operator?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) rowIndex?: number;
  @ApiPropertyOptional({ type: [FieldIssueView] }) issues?: FieldIssueView[];
  @ApiPropertyOptional({ type: 'integer', example: 1 }) productId?: number;
  @ApiPropertyOptional({ type: 'integer', example: 2 }) requested?: number;
  @ApiPropertyOptional({ type: 'integer', example: 1 }) available?: number;
  @ApiPropertyOptional({ example: '19999999999.98', description: 'An amount, exact, as text.' })
  total?: string;
  @ApiPropertyOptional({ example: '9999999999.99' }) maxTotal?: string;
}

/**
 * The body of every 4xx answer: the HTTP boundary's (413, 415, 400 for a body that is not
 * JSON), the validation pipe's (400 with `issues`), RegistersExceptionFilter's (404, 409, 400
 * with `context`), the order errors (409, 422 with `context`) and Nest's own.
 */
export class ErrorResponse {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 499, example: 400 }) statusCode!: number;

  @ApiProperty({
    example: 'Bad Request',
    description:
      'The HTTP reason phrase, or the error class for domain errors (`OrderTotalTooLarge`).',
  })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'One message, or (validation, 400) every message of every field.',
    example: ['email must be an email'],
  })
  message!: string | string[];

  @ApiPropertyOptional({
    type: [FieldIssueView],
    description: 'Validation (400): the messages per field, one per violated rule.',
  })
  issues?: FieldIssueView[];

  @ApiPropertyOptional({ type: ErrorContextView })
  context?: ErrorContextView;
}
