// @registers/db/crud: HTTP routes for models. Needs @nestjs/swagger, so the main entry never
// imports this folder.
export { RegistersCrudModule } from './registers-crud.module';
export { CRUD_OPERATIONS } from './crud-options.interface';
export type { CrudOperation, CrudResource } from './crud-options.interface';
export type { ListPage } from './crud-handlers';
export { RegistersErrorResponse } from './crud-openapi';
