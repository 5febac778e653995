import {
  Body,
  CanActivate,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Type,
  UseFilters,
  UseGuards,
  ValidationPipe,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RegistersExceptionFilter } from '../filters/registers-exception.filter';
import type { Manager } from '../manager/manager';
import { getManagerToken } from '../nest/registers-db.tokens';
import { CreateDto, UpdateDto, ViewDto } from '../swagger';
import type { CrudOperation } from './crud-options.interface';
import { bodyValidationError, CrudHandlers } from './crud-handlers';
import { keySchema, listQueryDecorators, pageSchema, RegistersErrorResponse } from './crud-openapi';
import type { ResolvedResource } from './crud-resource';

type Guards = Array<Type<CanActivate> | CanActivate>;

function guardsOf(resource: ResolvedResource, operation: CrudOperation): Guards {
  const guards = resource.options.guards;
  if (!guards) return [];
  return Array.isArray(guards)
    ? guards
    : [...((guards as Partial<Record<CrudOperation, Guards>>)[operation] ?? [])];
}

function bodyPipe(resource: ResolvedResource, operation: CrudOperation, dto: Type<unknown>) {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    expectedType: dto,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => bodyValidationError(resource, operation, errors),
  });
}

interface RouteSpec {
  decorators: Array<MethodDecorator | ((...args: any[]) => void)>;
  params: Array<(target: object, key: string, index: number) => void>;
  paramTypes: unknown[];
}

/** `:id`, through the resource's own pipes first (`idPipes`), then the key check of the handler. */
function idParamOf(resource: ResolvedResource) {
  return Param('id', ...(resource.options.idPipes ?? []));
}

function canConflict({ meta }: ResolvedResource): boolean {
  return (
    meta.unique.length > 0 ||
    meta.fields.some((f) => f.unique || f.foreignKey || (f.isKey && f.idStrategy === 'manual'))
  );
}

function routes(resource: ResolvedResource): Record<CrudOperation, RouteSpec> {
  const { model } = resource.options;
  const name = resource.meta.name;
  const [create, update, view] = [CreateDto(model), UpdateDto(model), ViewDto(model)];
  const idParam = ApiParam({
    name: 'id',
    description: `${name} ${resource.meta.key}`,
    schema: keySchema(resource),
  });
  const errorType = resource.options.errorResponse ?? RegistersErrorResponse;
  const bad = ApiBadRequestResponse({ type: errorType });
  const missing = ApiNotFoundResponse({ type: errorType });
  const conflict = ApiConflictResponse({ type: errorType });
  // A write conflicts only through a unique group, a key the client chooses or a foreign key.
  const writeConflict = canConflict(resource) ? [conflict] : [];
  const byApp = resource.options.validation === 'app';
  // 'app': the DTO class as the body's type, so the application's global ValidationPipe checks
  // it; 'route': Object, so that pipe leaves the body to the route's own.
  const body = (operation: CrudOperation, dto: Type<unknown>) =>
    byApp ? Body() : Body(bodyPipe(resource, operation, dto));
  const bodyType = (dto: Type<unknown>) => (byApp ? dto : Object);
  const listQuery = resource.options.query;
  return {
    list: {
      decorators: [
        Get(),
        ApiOperation({ summary: `List ${name} records` }),
        ApiOkResponse({ schema: pageSchema(view) }),
        bad,
        // A query class documents its own properties as the list's parameters.
        ...(listQuery ? [] : listQueryDecorators(resource)),
      ],
      params: [Query()],
      paramTypes: [listQuery ?? Object],
    },
    get: {
      decorators: [
        Get(':id'),
        ApiOperation({ summary: `Get one ${name}` }),
        idParam,
        ApiOkResponse({ type: view }),
        bad,
        missing,
      ],
      params: [idParamOf(resource)],
      paramTypes: [String],
    },
    create: {
      decorators: [
        Post(),
        ApiOperation({ summary: `Create a ${name}` }),
        ApiBody({ type: create }),
        ApiCreatedResponse({ type: view }),
        bad,
        ...writeConflict,
      ],
      params: [body('create', create)],
      paramTypes: [bodyType(create)],
    },
    update: {
      decorators: [
        Patch(':id'),
        ApiOperation({ summary: `Update a ${name}` }),
        idParam,
        ApiBody({ type: update }),
        ApiOkResponse({ type: view }),
        bad,
        missing,
        ...writeConflict,
      ],
      params: [idParamOf(resource), body('update', update)],
      paramTypes: [String, bodyType(update)],
    },
    delete: {
      decorators: [
        Delete(':id'),
        HttpCode(204),
        ApiOperation({ summary: `Delete a ${name}` }),
        idParam,
        ApiNoContentResponse(),
        bad,
        missing,
        conflict,
      ],
      params: [idParamOf(resource)],
      paramTypes: [String],
    },
  };
}

/**
 * A controller class for one resource: the enabled routes only, each with its own method
 * (route metadata lives on the method function), guards, validation and OpenAPI metadata.
 * Errors go through RegistersExceptionFilter.
 */
export function crudController(resource: ResolvedResource, byPath = false): Type<unknown> {
  const { model, path, registry, tag } = resource.options;
  // Swagger operation ids come from the class name: a model served twice is told apart by path.
  const pathName = path.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _s, c: string) =>
    c.toUpperCase(),
  );
  const className = `${resource.meta.name}${byPath ? pathName : ''}CrudController`;
  const controller = {
    [className]: class {
      readonly handlers: CrudHandlers;
      constructor(manager: Manager<any>) {
        this.handlers = new CrudHandlers(resource, manager);
      }
    },
  }[className];
  Inject(getManagerToken(model, registry))(controller, undefined as never, 0);
  const proto = controller.prototype as unknown as Record<string, unknown>;
  const specs = routes(resource);
  for (const operation of resource.operations) {
    const spec = specs[operation];
    // Named after the operation: Swagger reads a method's parameter types by its function name.
    proto[operation] = {
      [operation](this: InstanceType<typeof controller>, ...args: unknown[]) {
        return (this.handlers[operation] as (...a: unknown[]) => unknown).apply(
          this.handlers,
          args,
        );
      },
    }[operation];
    const descriptor = Object.getOwnPropertyDescriptor(proto, operation)!;
    Reflect.defineMetadata('design:paramtypes', spec.paramTypes, proto, operation);
    spec.params.forEach((param, index) => param(proto, operation, index));
    const guards = guardsOf(resource, operation);
    const extra = (resource.options.errorStatuses ?? []).map((status) =>
      ApiResponse({ status, type: resource.options.errorResponse ?? RegistersErrorResponse }),
    );
    const decorators =
      guards.length > 0
        ? [
            ...spec.decorators,
            UseGuards(...guards),
            ApiForbiddenResponse(
              resource.options.errorResponse ? { type: resource.options.errorResponse } : {},
            ),
          ]
        : spec.decorators;
    for (const decorate of [...decorators, ...extra])
      (decorate as MethodDecorator)(proto, operation, descriptor);
  }
  Reflect.defineMetadata('design:paramtypes', [Object], controller);
  for (const decorate of [
    Controller(path),
    ApiTags(tag ?? path),
    ApiExtraModels(ViewDto(model)),
    UseFilters(RegistersExceptionFilter),
  ])
    (decorate as ClassDecorator)(controller);
  return controller;
}
