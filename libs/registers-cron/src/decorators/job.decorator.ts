import { SetMetadata } from '@nestjs/common';
import { CRON_JOB_METADATA } from '../common/constants';
import type { JobOptions } from '../interfaces/job-options.interface';

/** Makes a provider method a durable job. Without options: a manual job named after the method. */
export function Job(options: JobOptions = {}): MethodDecorator {
  return SetMetadata(CRON_JOB_METADATA, options);
}
