import { ArgumentsHost, Catch, ExceptionFilter, Logger, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RegistryError } from '../errors';
import { registryErrorBody } from './registry-error-body';

/**
 * Turns @registers/db errors into HTTP responses: not found 404, unique/duplicate and foreign
 * key 409, validation and bad queries 400, anything else 500 with a generic body (logged on the
 * server). Register it with `app.useGlobalFilters(new RegistersExceptionFilter())` or as an
 * `APP_FILTER` provider. HTTP only: in other contexts the error is rethrown untouched.
 */
@Catch(RegistryError)
export class RegistersExceptionFilter implements ExceptionFilter<RegistryError> {
  private readonly logger = new Logger(RegistersExceptionFilter.name);

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(error: RegistryError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const body = registryErrorBody(error);
    if (body.statusCode >= 500) {
      // Server-side only; the client sees the generic body.
      this.logger.error(`${error.name}: ${error.message}`, error.stack);
    }
    const response = host.switchToHttp().getResponse();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) {
      adapter.reply(response, body, body.statusCode);
    } else {
      response.status(body.statusCode).json(body);
    }
  }
}
