/**
 * The api peer: a hand-written Nest + Drizzle ORM shop with the sample's `GET /customers/:id`
 * and `POST /orders`, on the sample's tables. `PORT`, `DATABASE_URL` (`sqlite:…`, `postgres://…`).
 */
import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ShopModule } from './shop.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(ShopModule, { logger: ['warn', 'error'] });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000));
}

void bootstrap();
