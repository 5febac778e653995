import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotPasswordHash } from './is-not-password-hash.decorator';

/** The rules of each writable customer field, shared by the create and update bodies. */
export const CustomerName = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: 'Ada Lovelace',
      minLength: 1,
      maxLength: 100,
      description:
        'Stored exactly as sent (not trimmed); well-formed text (no NUL, no unpaired surrogates).',
    }),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
  );

/** Emails are trimmed and lower-cased, so uniqueness means the same on every dialect. */
export const CustomerEmail = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: 'ada@example.com',
      format: 'email',
      maxLength: 254,
      description: 'Trimmed and lower-cased before it is checked and stored.',
    }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsEmail(),
    MaxLength(254),
  );

export const CustomerPassword = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: 'correct horse battery',
      minLength: 8,
      maxLength: 128,
      writeOnly: true,
    }),
    IsString(),
    MinLength(8),
    MaxLength(128),
    IsNotPasswordHash(),
  );
