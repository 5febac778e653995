import { Inject } from '@nestjs/common';
import { getRegistryToken } from '../nest/registers-db.tokens';

/** Injects the DatabaseRegistry named `name` (default registry when omitted). */
export function InjectRegistry(name?: string): ReturnType<typeof Inject> {
  return Inject(getRegistryToken(name));
}
