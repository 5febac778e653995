import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SampleApiModule } from './sample-api.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(SampleApiModule);
  await app.listen(Number(process.env.PORT ?? 3000));
}

void bootstrap();
