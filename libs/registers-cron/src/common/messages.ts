/**
 * Message factories: the user-facing texts of @registers/cron (errors, console usage errors,
 * webhook answers and log lines), so wording stays consistent. The deployment artifacts keep
 * theirs beside their generators, and a validation rule's reason stays beside its check
 * (it is passed to `badOption`).
 */
export const messages = {
  // ---- declarations and the runtime API ----------------------------------------------
  duplicateJob: (name: string, first: string, second: string) =>
    `Duplicate job name '${name}': declared by ${first} and by ${second}. Give one of them another name ({ name: '…' }).`,
  badOption: (job: string, option: string, reason: string) =>
    `Job '${job}': option '${option}' ${reason}.`,
  webhookPathTaken: (path: string, job: string) => `path '${path}' is already used by job '${job}'`,
  unknownJob: (name: string, known: string[]) =>
    `Unknown job '${name}'.${known.length ? ` Known jobs: ${known.join(', ')}.` : ' No jobs are declared.'}`,
  unknownWorkflow: (name: string, known: string[]) =>
    `Unknown workflow '${name}'.${known.length ? ` Registered workflows: ${known.join(', ')}.` : ' No workflows are registered (cron register-workflow).'}`,
  jobPaused: (name: string) => `Job '${name}' is paused; run \`cron resume ${name}\` first.`,
  unknownEvent: (id: number) => `No event with id ${id}.`,
  notRetryable: (id: number, status: string) =>
    `Event ${id} is ${status}; only failed or dead_letter events can be retried.`,
  notScheduled: (job: string) => `Job '${job}' has no schedule (it is not a cron or interval job).`,
  noFireYet: (job: string) => `Job '${job}' has no fire at or before now.`,
  payloadNotStorable: (reason: string) => `The payload cannot be stored as JSON: ${reason}`,
  payloadNotJsonValue: 'The payload cannot be stored as JSON (a function or symbol).',

  // ---- attempts ----------------------------------------------------------------------
  leaseExpired: (instance: string) =>
    `lease expired: the worker (instance ${instance}) stopped renewing its claim (crashed or stalled)`,
  timedOut: (job: string, seconds: number) =>
    `Job '${job}' ran longer than maxRuntimeSeconds (${seconds} s) and was aborted.`,
  shutdownAbort: 'shutdown: the grace period ended',
  runEnded: (status: string) => `the run ended ${status}`,

  // ---- console commands --------------------------------------------------------------
  noCronService:
    'RegistersCronCommandsModule: no CronService. Import RegistersCronModule.forRoot({ autoStart: false }) in the console module.',
  payloadNotJson: (reason: string) => `--payload is not valid JSON: ${reason}`,
  payloadNotObject: '--payload must be a JSON object here, e.g. \'{"key":"value"}\'.',
  notPositiveInteger: (option: string, value: unknown) =>
    `--${option} must be a whole number of at least 1, not ${value}.`,
  jobOrCommand: 'Give exactly one of --job <job> or --command <shell command>.',
  workflowCommandFailed: (workflow: string, command: string, detail: string) =>
    `Workflow '${workflow}': \`${command}\` ${detail}`,
  killedBy: (signal: string) => `was killed by ${signal}`,
  exitedWith: (code: number) => `exited with code ${code}`,

  // ---- webhook answers ---------------------------------------------------------------
  noWebhookAt: (path: string) => `No webhook is declared at ${path}.`,
  badWebhookToken: 'Missing or invalid webhook token.',
  webhookWithoutToken: (job: string) =>
    `Webhook job '${job}' has no token configured: every call to it is refused with 401.`,
  webhookRefused: (job: string, what: string) => `Webhook job '${job}': call refused (${what}).`,
  jobDisabled: (job: string) => `Job '${job}' is disabled.`,
  rawBodyUnavailable:
    'HMAC webhooks need NestFactory.create(AppModule, { rawBody: true }): the JSON body parser consumed the request ' +
    'and the exact bytes the signature covers are not available.',
  rawBodyMisconfigured: 'webhook misconfigured: raw body unavailable',
  outsideReplayWindow: 'The webhook timestamp is outside the replay window.',
  badWebhookSignature: 'Missing or invalid webhook signature.',
  badIdempotencyKey: (max: number) => `The Idempotency-Key header must be 1 to ${max} characters.`,
  bodyTooLarge: (limit: number) => `The webhook body is larger than ${limit} bytes.`,
  bodyNotJsonType: 'The webhook body must be JSON (send it with Content-Type: application/json).',
  bodyNotJson: 'The webhook body is not valid JSON.',

  // ---- log lines ---------------------------------------------------------------------
  requestScopedJob: (owner: string) =>
    `${owner}: @Job on a request-scoped provider is ignored (jobs run outside any request).`,
  startFailed: (reason: string, retrySeconds: number) =>
    `The cron runtime could not start (${reason}); retrying every ${retrySeconds} s.`,
  started: (instance: string, jobs: number, workers: number) =>
    `Started instance ${instance}: ${jobs} jobs, ${workers} workers.`,
  clockSkew: (ms: number) =>
    `This process's clock is ${Math.round(ms / 1000)} s off the database clock; cron uses the database clock, fix the host's time sync.`,
  heartbeatFailed: (reason: unknown) => `Instance heartbeat failed: ${reason}`,
  claimFailed: (reason: unknown) => `Claiming events failed: ${reason}`,
  eventFailed: (id: number, job: string, reason: unknown) => `Event ${id} (${job}): ${reason}`,
  schedulingFailed: (reason: unknown) => `Scheduling fires failed: ${reason}`,
  leaseFailed: (name: string, reason: unknown) => `Lease '${name}': ${reason}`,
  listenLost: (reason: unknown) => `LISTEN connection lost (${reason}); reconnecting.`,
  watcherFailed: (job: string, reason: unknown) => `File watcher of job '${job}': ${reason}`,
  pausedFileChange: (job: string, paths: number) =>
    `Job '${job}' is paused: file changes ignored (${paths} paths).`,
  fileChangeNotQueued: (job: string, reason: unknown) =>
    `Job '${job}': could not enqueue a file-change event: ${reason}`,
  cannotWatch: (job: string, reason: unknown) =>
    `Could not watch the files of job '${job}': ${reason}`,
  watching: (jobs: number) => `Watching files for ${jobs} job(s).`,
} as const;
