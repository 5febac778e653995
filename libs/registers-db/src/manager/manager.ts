import type { DatabaseConnection } from '../connection/database-connection';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { ModelSchema } from '../schema/model-schema';

/**
 * The async data-access surface of one registered model. Built by the registry; every
 * method goes through the connection (so it joins an open transaction).
 */
export class Manager<T extends object> {
  constructor(
    readonly meta: ModelMetadata<T>,
    readonly connection: DatabaseConnection,
    readonly schema: ModelSchema<T>,
  ) {}
}
