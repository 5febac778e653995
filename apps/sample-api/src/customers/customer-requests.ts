import type { Type } from '@nestjs/common';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotPasswordHash } from './is-not-password-hash.decorator';

/*
 * The customer rules that belong to requests only, added to a body derived from the model
 * (`CreateDto(Customer)`, `UpdateDto(Customer)`). They are not model rules on purpose:
 * - emails are trimmed and lower-cased as the request comes in, so uniqueness does not depend
 *   on letter case or on the database's collation (a transformation, not a check);
 * - a password shaped like a stored hash (`pbkdf2_sha256$…`) is refused: the manager keeps
 *   such values as they are (for migrated users), so only a client must not send one.
 */

/** Trims and lower-cases a string; anything else is left for the email rule to refuse. */
const normalizeEmail = Transform(({ value }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value,
);

/**
 * A copy of a customer body with the request-only rules added. The rules go on a copy
 * (`OmitType` of nothing) rather than on a subclass: class-validator drops a parent's custom
 * rules of a property when a subclass declares a custom rule for it.
 */
export function withCustomerRequestRules<T>(body: Type<T>): Type<T> {
  const copy = OmitType(body, [] as never[]) as Type<T>;
  const { prototype } = copy;
  normalizeEmail(prototype, 'email');
  ApiProperty({ description: 'Trimmed and lower-cased before it is checked and stored.' })(
    prototype,
    'email',
  );
  IsNotPasswordHash()(prototype, 'password');
  ApiProperty({
    description: 'Stored as a hash; a value shaped like a stored hash (`pbkdf2_sha256$…`) is 400.',
  })(prototype, 'password');
  return copy;
}
