import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { SampleConsoleModule } from './sample-console.module';

async function bootstrap(): Promise<void> {
  await CommandFactory.run(SampleConsoleModule, { logger: ['error', 'warn'] });
}

void bootstrap();
