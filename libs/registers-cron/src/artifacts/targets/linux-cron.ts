import type { ArtifactContext, ArtifactJob } from './artifact.interface';
import { artifactPath } from './artifact-paths';
import { scheduledShellCommand, shellQuote } from './command-line';
import { cronScheduleOf } from './cron-schedule';
import { hasControlChars, jobLabel, oneLine, refuse, type TargetResult } from './target-result';

/**
 * One crontab entry that calls back into the console: comment lines, `CRON_TZ=<zone>` and
 * `<schedule> cd <cwd> && <command> cron run <job> --scheduled`.
 *
 * A crontab line has no zone of its own; cronie reads `CRON_TZ` for the lines after it. Every
 * entry sets it (UTC too), so an entry never inherits the zone of the one before it.
 */
export function generateLinuxCron(job: ArtifactJob, ctx: ArtifactContext): TargetResult {
  const scheduled = cronScheduleOf(job, 'crontab');
  if (!scheduled.ok) return refuse(scheduled.reason);
  if (hasControlChars(job.name + ctx.command + ctx.cwd + scheduled.schedule.timezone)) {
    return refuse(
      `${jobLabel(job)}: a crontab entry is one line; the job name, command or cwd has a control character`,
    );
  }
  const { expression, timezone } = scheduled.schedule;
  // cron turns an unescaped % into a newline; \% reaches the shell as %.
  const command =
    `cd ${shellQuote(ctx.cwd)} && ${scheduledShellCommand(ctx.command, job.name)}`.replace(
      /%/g,
      '\\%',
    );
  const lines = [
    `# registers-cron job ${oneLine(job.name)}${job.description ? `: ${oneLine(job.description)}` : ''}`,
    `# CRON_TZ=${timezone}: the schedule is read in ${timezone} (cronie; a cron without CRON_TZ uses the host's zone).`,
    `CRON_TZ=${timezone}`,
    `${expression} ${command}`,
  ];
  return {
    ok: true,
    artifacts: [
      {
        target: 'linux_cron',
        job: job.name,
        path: artifactPath(job, 'linux_cron'),
        content: `${lines.join('\n')}\n`,
      },
    ],
  };
}
