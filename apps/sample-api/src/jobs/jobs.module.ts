import { Module } from '@nestjs/common';
import { DeployHookJob } from './deploy-hook.job';

@Module({ providers: [DeployHookJob] })
export class JobsModule {}
