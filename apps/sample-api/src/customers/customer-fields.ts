import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail } from 'class-validator';
import { MaxChars } from '../common/char-length-rules';
import { TextField } from '../common/field-rules';
import { IsNotPasswordHash } from './is-not-password-hash.decorator';

/*
 * The rules of each writable customer field, shared by the create and update bodies. Each
 * field's rules run in the order listed, type check first (see common/field-rules).
 */

export const CustomerName = (): PropertyDecorator =>
  TextField({
    example: 'Ada Lovelace',
    maxLength: 100,
    description:
      'Stored exactly as sent (not trimmed); well-formed text (no NUL, no unpaired surrogates).',
  });

/** Emails are trimmed and lower-cased, so uniqueness means the same on every dialect. */
export const CustomerEmail = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      type: 'string',
      example: 'ada@example.com',
      format: 'email',
      maxLength: 254,
      description: 'Trimmed and lower-cased before it is checked and stored.',
    }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsEmail(),
    MaxChars(254),
  );

export const CustomerPassword = (): PropertyDecorator =>
  applyDecorators(
    TextField({
      example: 'correct horse battery',
      minLength: 8,
      maxLength: 128,
      writeOnly: true,
      description:
        'Stored as a hash; a value shaped like a stored hash (`pbkdf2_sha256$…`) is 400.',
    }),
    IsNotPasswordHash(),
  );
