import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { MAX_ID } from './limits';

/** A path id: a positive 32-bit integer written in digits; anything else is 400. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: [`id must be a positive integer no greater than ${MAX_ID}`],
        issues: [
          { field: 'id', messages: [`id must be a positive integer no greater than ${MAX_ID}`] },
        ],
      });
    }
    return id;
  }
}
