import { Injectable } from '@nestjs/common';
import { CRON_JOB_METADATA, CRON_PARAMS_METADATA } from './common/constants';
import type { JobParam } from './interfaces/job-definition.interface';
import type { JobOptions } from './interfaces/job-options.interface';

/** The one place that reads @registers/cron decorator metadata. */
@Injectable()
export class CronMetadataAccessor {
  getJob(handler: Function): JobOptions | undefined {
    return Reflect.getMetadata(CRON_JOB_METADATA, handler);
  }

  getParams(prototype: object, methodName: string): Array<JobParam | undefined> {
    return Reflect.getMetadata(CRON_PARAMS_METADATA, prototype, methodName) ?? [];
  }
}
