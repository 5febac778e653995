import { CRON_PARAMS_METADATA } from '../common/constants';
import type { JobParam } from '../interfaces/job-definition.interface';

/** Records which handler parameter receives the payload, the event or the context. */
export function jobParam(kind: JobParam): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    const existing: Array<JobParam | undefined> =
      Reflect.getMetadata(CRON_PARAMS_METADATA, target, propertyKey) ?? [];
    const next = [...existing];
    next[index] = kind;
    Reflect.defineMetadata(CRON_PARAMS_METADATA, next, target, propertyKey);
  };
}
