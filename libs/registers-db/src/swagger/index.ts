// @registers/db/swagger: OpenAPI schemas, DTOs and views derived from models. Needs
// @nestjs/swagger, so the main entry never imports this folder.
export type { PropertySchema, SchemaDirection } from './field-schema';
export type { DtoKind } from './dto-properties';
export { addModelSchemas, modelSchema, modelSchemas } from './model-schema';
export type { ModelSource, ObjectSchema } from './model-schema';
export { CreateDto, UpdateDto, ViewDto } from './derived-dto';
export { toView } from './to-view';
