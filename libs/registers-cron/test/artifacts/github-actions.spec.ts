import { parse, parseDocument } from 'yaml';
import { generateArtifacts, type ArtifactJob } from '@registers/cron/artifacts';
import { checkCronField } from './support/crontab-checker';
import { cronJob, ctx, intervalJob, manualJob, webhookJob } from './support/jobs';

function workflow(job: ArtifactJob) {
  const { artifacts, skipped } = generateArtifacts([job], 'github_actions', ctx);
  expect(skipped).toEqual([]);
  expect(artifacts).toHaveLength(1);
  const doc = parseDocument(artifacts[0].content);
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return { artifact: artifacts[0], wf: parse(artifacts[0].content) };
}

describe('github_actions artifacts', () => {
  it('is a workflow with a UTC schedule, workflow_dispatch and a step that runs the job on the real database', () => {
    const { artifact, wf } = workflow(cronJob('nightly', '0 2 * * *'));
    expect(artifact.path).toBe('ops/workflows/github_actions/nightly.yml');
    expect(Object.keys(wf.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect(wf.on.schedule).toEqual([{ cron: '0 2 * * *' }]);
    expect(wf.on.workflow_dispatch).toBeNull();
    expect(wf.on.schedule[0].cron.split(' ')).toHaveLength(5);
    wf.on.schedule[0].cron.split(' ').forEach((f: string, i: number) => checkCronField(i, f));
    expect(wf.concurrency).toEqual({
      group: 'registers-cron-nightly',
      'cancel-in-progress': false,
    });

    const steps = wf.jobs['cron-run'].steps;
    expect(wf.jobs['cron-run']['runs-on']).toBe('ubuntu-latest');
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4' });
    expect(steps[1]).toEqual({
      uses: 'actions/setup-node@v4',
      with: { 'node-version': 20, cache: 'npm' },
    });
    expect(steps[2]).toEqual({ run: 'npm ci' });
    const run = steps[steps.length - 1];
    expect(run.env).toEqual({ REGISTERS_DATABASE_URL: '${{ secrets.REGISTERS_DATABASE_URL }}' });
    // The console's path is made relative to the checkout (it was under ctx.cwd).
    expect(run.run).toBe('node dist/apps/sample-console/main.js cron run nightly --scheduled');
    expect(artifact.content).toMatch(/# The job must run against the real database/);
  });

  it('quotes the job name for the shell', () => {
    const { wf } = workflow(
      cronJob('say "hi"', '0 2 * * *', 'UTC', { deploymentFile: '.github/workflows/hi.yml' }),
    );
    const steps = wf.jobs['cron-run'].steps;
    expect(steps[steps.length - 1].run).toBe(
      `node dist/apps/sample-console/main.js cron run 'say "hi"' --scheduled`,
    );
  });

  it('maps exact intervals and UTC cron expressions, names as numbers', () => {
    expect(workflow(intervalJob('q', 900, 300)).wf.on.schedule).toEqual([
      { cron: '5-59/15 * * * *' },
    ]);
    expect(workflow(intervalJob('h', 7200)).wf.on.schedule).toEqual([{ cron: '0 */2 * * *' }]);
    expect(workflow(cronJob('w', '0 9 * * MON-FRI', 'Etc/UTC')).wf.on.schedule).toEqual([
      { cron: '0 9 * * 1-5' },
    ]);
    expect(workflow(cronJob('d', '@daily')).wf.on.schedule).toEqual([{ cron: '0 0 * * *' }]);
  });

  it('refuses non-UTC zones, schedules more often than every 5 minutes, inexact intervals and unscheduled jobs', () => {
    const { artifacts, skipped } = generateArtifacts(
      [
        cronJob('berlin', '0 9 * * *', 'Europe/Berlin'),
        cronJob('often', '*/2 * * * *'),
        intervalJob('seven', 420),
        intervalJob('fast', 45),
        manualJob('m'),
        webhookJob('h'),
      ],
      'github_actions',
      ctx,
    );
    expect(artifacts).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual([
      "job 'berlin': GitHub Actions reads schedules in UTC only; '0 9 * * *' in Europe/Berlin has no fixed UTC equivalent (use timezone 'UTC' or another target)",
      "job 'often': '*/2 * * * *' fires more often than every 5 minutes, the shortest interval GitHub Actions runs a schedule at",
      "job 'seven': every 420 s has no exact GitHub Actions schedule equivalent (only periods that divide an hour or a day repeat exactly on the clock)",
      "job 'fast': every 45 s has no exact GitHub Actions schedule equivalent (cron has one-minute resolution)",
      'manual job has no schedule',
      'webhook job has no schedule',
    ]);
  });
});
