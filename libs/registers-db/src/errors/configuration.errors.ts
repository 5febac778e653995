import { RegistryError } from './registry-error';

/** The library or a model is set up wrongly (options, URLs, registration, relations). */
export class ConfigurationError extends RegistryError {}

/** A model class cannot be registered as declared (decorators, keys, names). */
export class ModelRegistrationError extends ConfigurationError {}

/** A relation is declared or used in a way that cannot work. */
export class RelationshipError extends ConfigurationError {}
