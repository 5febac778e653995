import { jobParam } from './job-param';

/** Injects the event being run: `{ id, source, payload }`. */
export const JobEvent = (): ParameterDecorator => jobParam('event');
