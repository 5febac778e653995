export { Job } from './job.decorator';
export { Watch, type WatchOptions } from './watch.decorator';
export { JobPayload } from './job-payload.decorator';
export { JobEvent } from './job-event.decorator';
export { JobCtx } from './job-ctx.decorator';
