import { CliContext, CommandContext } from '@registers/cli';

/** What the ops desk commands read from `@Ctx()`. */
export type OpsContext = CommandContext<{ env: string; region: string }>;

/**
 * The ops desk's global options. Each becomes a flag accepted before or after the command
 * words (`--env stage services list`, `svc list --region eu-west-1`).
 */
@CliContext({
  options: {
    env: { default: 'prod', help: 'Target environment' },
    region: { default: 'us-east-1', help: 'Target region' },
  },
})
export class OpsContextOptions {}
