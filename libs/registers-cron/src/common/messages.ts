/** Message factories: every user-facing text of @registers/cron, so wording stays consistent. */
export const messages = {
  duplicateJob: (name: string, first: string, second: string) =>
    `Duplicate job name '${name}': declared by ${first} and by ${second}. Give one of them another name ({ name: '…' }).`,
  badOption: (job: string, option: string, reason: string) =>
    `Job '${job}': option '${option}' ${reason}.`,
  unknownJob: (name: string, known: string[]) =>
    `Unknown job '${name}'.${known.length ? ` Known jobs: ${known.join(', ')}.` : ' No jobs are declared.'}`,
  unknownWorkflow: (name: string, known: string[]) =>
    `Unknown workflow '${name}'.${known.length ? ` Registered workflows: ${known.join(', ')}.` : ' No workflows are registered (cron register-workflow).'}`,
  jobPaused: (name: string) => `Job '${name}' is paused; run \`cron resume ${name}\` first.`,
  unknownEvent: (id: number) => `No event with id ${id}.`,
  notRetryable: (id: number, status: string) =>
    `Event ${id} is ${status}; only failed or dead_letter events can be retried.`,
  leaseExpired: (instance: string) =>
    `lease expired: the worker (instance ${instance}) stopped renewing its claim (crashed or stalled)`,
  timedOut: (job: string, seconds: number) =>
    `Job '${job}' ran longer than maxRuntimeSeconds (${seconds} s) and was aborted.`,
  notScheduled: (job: string) => `Job '${job}' has no schedule (it is not a cron or interval job).`,
  payloadNotJson: (reason: string) => `--payload is not valid JSON: ${reason}`,
  clockSkew: (ms: number) =>
    `This process's clock is ${Math.round(ms / 1000)} s off the database clock; cron uses the database clock, fix the host's time sync.`,
} as const;
