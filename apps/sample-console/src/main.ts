import 'reflect-metadata';
import { RegistersCli } from '@registers/cli';
import { SampleConsoleModule } from './sample-console.module';

void RegistersCli.run(SampleConsoleModule, { exitWhenDone: true });
