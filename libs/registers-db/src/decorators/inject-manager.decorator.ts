import { Inject } from '@nestjs/common';
import { getManagerToken } from '../nest/registers-db.tokens';

/** Injects the Manager of `model` from the registry `name` (see `RegistersDbModule.forFeature`). */
export function InjectManager(model: Function, name?: string): ReturnType<typeof Inject> {
  return Inject(getManagerToken(model, name));
}
