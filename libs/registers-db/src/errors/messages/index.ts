/**
 * The message factories of every RegistryError, one file per family. Internal: call sites
 * throw `new XError(familyMessages.whatWentWrong(...), context)`, and only when throwing.
 */
export { configurationMessages } from './configuration.messages';
export { crudMessages } from './crud.messages';
export { databaseMessages } from './database.messages';
export { filterMessages } from './filter.messages';
export { modelMessages } from './model.messages';
export { queryMessages } from './query.messages';
export { recordMessages } from './record.messages';
export { relationMessages } from './relation.messages';
export { schemaMessages } from './schema.messages';
export { securityMessages } from './security.messages';
export { validationMessages } from './validation.messages';
