import type { JobOptions } from '../interfaces/job-options.interface';
import { Trigger } from '../triggers/trigger';
import { Job } from './job.decorator';

export interface WatchOptions extends Omit<JobOptions, 'trigger'> {
  debounceMs?: number;
  cwd?: string;
  ignore?: string[];
}

/** `@Job({ trigger: Trigger.fileChange(globs, …) })`: runs when a matching file changes. */
export function Watch(globs: string | string[], options: WatchOptions = {}): MethodDecorator {
  const { debounceMs, cwd, ignore, ...job } = options;
  return Job({ ...job, trigger: Trigger.fileChange(globs, { debounceMs, cwd, ignore }) });
}
