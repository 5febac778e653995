import { Module } from '@nestjs/common';
import { ConsoleJobs } from './console-jobs';

/** The console's durable jobs; `RegistersCronModule` (in the root module) discovers them. */
@Module({ providers: [ConsoleJobs] })
export class JobsModule {}
