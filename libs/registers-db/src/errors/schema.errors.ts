import { RegistryError } from './registry-error';

/** A table or column cannot be created, changed or read as asked. */
export class SchemaError extends RegistryError {}

/** Schema sync or a migration cannot run, or the schema drifted from the models. */
export class MigrationError extends SchemaError {}
