import { STATUS_CODES } from 'node:http';

/**
 * A request refused before it reaches a route (its body's type, size, encoding or JSON).
 * `type` follows body-parser's error types, so both kinds are answered by one handler.
 */
export class ClientBodyError extends Error {
  readonly expose = true;

  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClientBodyError';
  }
}

/** The JSON answer to a refused body: the shape of the API's other errors. */
export function clientErrorBody(status: number, message: string) {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
}
