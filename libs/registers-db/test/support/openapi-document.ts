/** Builds the OpenAPI document of a Nest application, the way an app serves it. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder().setTitle('registers-db test').setVersion('1').build();
  return SwaggerModule.createDocument(app, config);
}

/** The component schema of a DTO class in a document. */
export function componentSchema(document: OpenAPIObject, name: string): Record<string, any> {
  const schema = document.components?.schemas?.[name];
  if (!schema) throw new Error(`${name} is not in the document`);
  return schema as Record<string, any>;
}
