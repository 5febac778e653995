import { jobParam } from './job-param';

/** Injects the event's payload (the JSON body, `--payload`, or `{}`). */
export const JobPayload = (): ParameterDecorator => jobParam('payload');
