import type { ArtifactContext, ArtifactJob } from './artifact.interface';
import { artifactPath } from './artifact-paths';
import { scheduledArgs, splitCommandLine, windowsQuote } from './command-line';
import { parseCronFor } from './cron-schedule';
import { describeInterval } from '../cron/interval-mapping';
import { isUtcZone } from '../cron/time-zones';
import { jobLabel, refuse, type TargetResult } from './target-result';
import {
  cronToWindowsTriggers,
  intervalToWindowsTrigger,
  type WindowsTriggers,
} from './windows-triggers';
import { el, hasInvalidXmlChars, renderXmlDocument } from './xml';

export const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

/** `registers-<job>`, without the characters a task name cannot hold (`\ / : * ? " < > |`). */
export function windowsTaskName(job: string): string {
  // eslint-disable-next-line no-control-regex
  return `registers-${job}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-');
}

/**
 * Task Scheduler XML (schema version 1.2) that runs `<command> cron run <job> --scheduled`.
 * Calendar start boundaries are in UTC (`Z`), so only UTC schedules map exactly; one instance
 * at a time (`IgnoreNew`), and a start missed while the machine was off runs when it can.
 * Written as UTF-16 (see `artifactBytes`), as the declaration says.
 */
export function generateWindowsTaskScheduler(job: ArtifactJob, ctx: ArtifactContext): TargetResult {
  const triggers = triggersOf(job);
  if (!triggers.ok) return refuse(triggers.reason);
  let argv: string[];
  try {
    argv = splitCommandLine(ctx.command, 'windows');
  } catch (error) {
    return refuse(`${jobLabel(job)}: ${(error as Error).message}`);
  }
  if (argv.length === 0) return refuse(`${jobLabel(job)}: the console command is empty`);
  const [program, ...rest] = argv;
  const args = [...rest, ...scheduledArgs(job.name)].map(windowsQuote).join(' ');
  const description = `registers-cron job ${job.name}${job.description ? `: ${job.description}` : ''}`;
  if (hasInvalidXmlChars(description + ctx.command + ctx.cwd)) {
    return refuse(
      `${jobLabel(job)}: the job name, description, command or cwd has a character XML cannot hold`,
    );
  }
  const task = el(
    'Task',
    [
      el('RegistrationInfo', [el('Author', 'registers-cron'), el('Description', description)]),
      el('Triggers', triggers.triggers),
      el('Principals', [
        el('Principal', [el('LogonType', 'InteractiveToken'), el('RunLevel', 'LeastPrivilege')], {
          id: 'Author',
        }),
      ]),
      el('Settings', [
        el('MultipleInstancesPolicy', 'IgnoreNew'),
        el('DisallowStartIfOnBatteries', 'false'),
        el('StopIfGoingOnBatteries', 'false'),
        el('StartWhenAvailable', 'true'),
        el('Enabled', 'true'),
      ]),
      el(
        'Actions',
        [
          el('Exec', [
            el('Command', program),
            el('Arguments', args),
            el('WorkingDirectory', ctx.cwd),
          ]),
        ],
        { Context: 'Author' },
      ),
    ],
    { version: '1.2', xmlns: TASK_NAMESPACE },
  );
  return {
    ok: true,
    artifacts: [
      {
        target: 'windows_task_scheduler',
        job: job.name,
        path: artifactPath(job, 'windows_task_scheduler'),
        content: renderXmlDocument(task, 'UTF-16'),
        encoding: 'utf-16le',
      },
    ],
  };
}

type TriggersResult =
  { ok: true; triggers: ReturnType<typeof el>[] } | { ok: false; reason: string };

function triggersOf(job: ArtifactJob): TriggersResult {
  const trigger = job.trigger;
  let mapped: WindowsTriggers;
  let what: string;
  if (trigger.kind === 'interval') {
    mapped = intervalToWindowsTrigger(trigger.everySeconds, trigger.offsetSeconds);
    what = describeInterval(trigger.everySeconds, trigger.offsetSeconds);
  } else if (trigger.kind === 'cron') {
    const zone = trigger.timezone || 'UTC';
    if (!isUtcZone(zone)) {
      return {
        ok: false,
        reason: `${jobLabel(job)}: Task Scheduler has no time zones (a trigger runs in the machine's zone or in UTC), so '${trigger.expression}' in ${zone} cannot be expressed; use timezone 'UTC' or another target`,
      };
    }
    const parsed = parseCronFor(job, trigger.expression, 'Task Scheduler');
    if (!parsed.ok) return parsed;
    mapped = cronToWindowsTriggers(parsed.cron);
    what = `'${trigger.expression}'`;
  } else {
    return { ok: false, reason: `${trigger.kind} job has no schedule` };
  }
  if (!mapped.ok) {
    return {
      ok: false,
      reason: `${jobLabel(job)}: ${what} has no exact Task Scheduler equivalent (${mapped.why})`,
    };
  }
  return { ok: true, triggers: mapped.triggers };
}
