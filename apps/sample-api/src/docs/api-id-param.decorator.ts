import { ApiParam } from '@nestjs/swagger';
import { MAX_ID } from '../common/limits';

/** The `:id` of a path, as ParseIdPipe accepts it: digits only, 1..MAX_ID (else 400). */
export const ApiIdParam = () =>
  ApiParam({
    name: 'id',
    description: `A positive integer up to ${MAX_ID}, written in digits (\`1e3\` and \`1.0\` are 400).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_ID },
    example: 1,
  });
