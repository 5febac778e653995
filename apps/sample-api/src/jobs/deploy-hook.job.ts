import { Injectable } from '@nestjs/common';
import { Job, JobPayload, Trigger } from '@registers/cron';

/**
 * `POST /hooks/deploy` with `Authorization: Bearer $DEPLOY_TOKEN` enqueues this job (202
 * `{ eventId }`); a worker of whichever API instance claims the event runs it. The token is
 * read from the environment on every call; without it every call is 401.
 */
@Injectable()
export class DeployHookJob {
  @Job({
    name: 'deploy-hook',
    trigger: Trigger.webhook('/deploy', { token: () => process.env.DEPLOY_TOKEN }),
    retry: { policy: 'fixed', maxAttempts: 3, backoffSeconds: 5 },
  })
  deploy(@JobPayload() payload: { env?: unknown }) {
    const env = typeof payload?.env === 'string' && payload.env ? payload.env : 'default';
    return `deployed ${env}`;
  }
}
