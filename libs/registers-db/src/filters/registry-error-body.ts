import { RegistryError, ValidationError } from '../errors';
import { httpStatusForRegistryError } from './registry-error-http-status';

export interface RegistryErrorBodyContext {
  model?: string;
  operation?: string;
  field?: string;
  fields?: string[];
  operator?: string;
  rowIndex?: number;
  /** ValidationError only: the messages of each failed field. */
  issues?: { field: string; messages: string[] }[];
}

export interface RegistryErrorBody {
  statusCode: number;
  /** The error class name, or `InternalServerError` for a 500. */
  error: string;
  message: string;
  context?: RegistryErrorBodyContext;
}

export const INTERNAL_ERROR_BODY: Readonly<RegistryErrorBody> = Object.freeze({
  statusCode: 500,
  error: 'InternalServerError',
  message: 'Internal server error',
});

const GENERIC_MESSAGES: Record<number, string> = {
  400: 'The request is invalid.',
  404: 'The record was not found.',
  409: 'The request conflicts with existing data.',
};

const MAX_MESSAGE_LENGTH = 300;
// Safety net for messages that carry a statement or a raw driver message by mistake.
const SQL_STATEMENT =
  /\b(select|insert|update|delete|create|alter|drop)\b[\s\S]*\b(from|into|set|where|table|values)\b/i;
const DRIVER_MARKERS = /\b(SQLITE_[A-Z_]+|ER_[A-Z_]+|SQLSTATE|violates\b|duplicate key value)/i;

function clientMessage(message: string, status: number): string {
  const safe =
    message.length > 0 &&
    message.length <= MAX_MESSAGE_LENGTH &&
    !/[\r\n]/.test(message) &&
    !SQL_STATEMENT.test(message) &&
    !DRIVER_MARKERS.test(message);
  return safe ? message : GENERIC_MESSAGES[status];
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Only these keys of an error's context reach the client, and only with the expected types:
 * table and constraint names, key values and anything a caller added stay on the server.
 */
function clientContext(error: RegistryError): RegistryErrorBodyContext | undefined {
  const source = error.context ?? {};
  const context: RegistryErrorBodyContext = {};
  if (isString(source.model)) context.model = source.model;
  if (isString(source.operation)) context.operation = source.operation;
  if (isString(source.field)) context.field = source.field;
  if (Array.isArray(source.fields) && source.fields.every(isString))
    context.fields = [...source.fields];
  if (isString(source.operator)) context.operator = source.operator;
  if (Number.isInteger(source.rowIndex)) context.rowIndex = source.rowIndex;
  if (error instanceof ValidationError) {
    context.issues = (error.issues ?? [])
      .filter((issue) => issue && isString(issue.field))
      .map((issue) => ({
        field: issue.field,
        messages: Array.isArray(issue.messages) ? issue.messages.filter(isString) : [],
      }));
  }
  return Object.keys(context).length > 0 ? context : undefined;
}

/** The HTTP body for a RegistryError: no SQL, stack, driver text, or secret values. */
export function registryErrorBody(error: RegistryError): RegistryErrorBody {
  const statusCode = httpStatusForRegistryError(error);
  if (statusCode >= 500) return { ...INTERNAL_ERROR_BODY };
  const body: RegistryErrorBody = {
    statusCode,
    error: error.name,
    message: clientMessage(String(error.message ?? ''), statusCode),
  };
  const context = clientContext(error);
  if (context) body.context = context;
  return body;
}
