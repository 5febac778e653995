import { jobParam } from './job-param';

/** Injects the `JobContext`: attempt, signal, logger, eventId, scheduledAt, idempotencyKey, instance. */
export const JobCtx = (): ParameterDecorator => jobParam('ctx');
