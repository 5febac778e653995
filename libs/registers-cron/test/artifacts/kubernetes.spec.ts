import { parse, parseDocument } from 'yaml';
import {
  generateArtifacts,
  kubernetesCronJobName,
  type ArtifactJob,
} from '@registers/cron/artifacts';
import { checkCronField } from './support/crontab-checker';
import { cronJob, ctx, intervalJob, manualJob } from './support/jobs';

function cronJobManifest(job: ArtifactJob, context = ctx) {
  const { artifacts, skipped } = generateArtifacts([job], 'kubernetes', context);
  expect(skipped).toEqual([]);
  expect(artifacts).toHaveLength(1);
  const doc = parseDocument(artifacts[0].content);
  expect(doc.errors).toEqual([]);
  return { artifact: artifacts[0], manifest: parse(artifacts[0].content) };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('kubernetes artifacts', () => {
  it('is a batch/v1 CronJob with schedule, timeZone, Forbid and one container calling back into the console', () => {
    const { artifact, manifest } = cronJobManifest(
      cronJob('nightly', '0 2 * * *', 'Europe/Berlin'),
    );
    expect(artifact.path).toBe('ops/workflows/kubernetes/nightly.yaml');
    expect(manifest.apiVersion).toBe('batch/v1');
    expect(manifest.kind).toBe('CronJob');
    expect(manifest.metadata.name).toBe('registers-nightly');
    expect(manifest.metadata.annotations).toEqual({ 'registers-cron/job': 'nightly' });
    expect(manifest.spec.schedule).toBe('0 2 * * *');
    manifest.spec.schedule.split(' ').forEach((f: string, i: number) => checkCronField(i, f));
    expect(manifest.spec.timeZone).toBe('Europe/Berlin');
    expect(manifest.spec.concurrencyPolicy).toBe('Forbid');
    expect(manifest.spec.startingDeadlineSeconds).toBe(300);
    const pod = manifest.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0]).toMatchObject({
      name: 'cron-run',
      image: 'registers-app:latest',
      command: ['node'],
      args: ['/srv/app/dist/apps/sample-console/main.js', 'cron', 'run', 'nightly', '--scheduled'],
    });
    expect(pod.containers[0].env).toEqual([
      {
        name: 'REGISTERS_DATABASE_URL',
        valueFrom: { secretKeyRef: { name: 'registers-database', key: 'url' } },
      },
    ]);
  });

  it('uses ctx.image, quoted command words, UTC for intervals and a deadline below the period', () => {
    const { manifest } = cronJobManifest(intervalJob('every-minute', 60), {
      ...ctx,
      image: 'ghcr.io/acme/app:1.2.3',
      command: `node --enable-source-maps '/app/my main.js'`,
    });
    expect(manifest.spec.schedule).toBe('* * * * *');
    expect(manifest.spec.timeZone).toBe('UTC');
    expect(manifest.spec.startingDeadlineSeconds).toBe(60);
    const container = manifest.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.image).toBe('ghcr.io/acme/app:1.2.3');
    expect(container.command).toEqual(['node']);
    expect(container.args).toEqual([
      '--enable-source-maps',
      '/app/my main.js',
      'cron',
      'run',
      'every-minute',
      '--scheduled',
    ]);
  });

  it('gives DNS-safe names of at most 52 characters', () => {
    expect(kubernetesCronJobName('nightly')).toBe('registers-nightly');
    expect(kubernetesCronJobName('Send_Emails.Now!')).toBe('registers-send-emails-now');
    expect(kubernetesCronJobName('--x--')).toBe('registers-x');
    const long = kubernetesCronJobName('a-very-long-job-name-that-goes-on-and-on-and-on-forever');
    const other = kubernetesCronJobName(
      'a-very-long-job-name-that-goes-on-and-on-and-on-forever-2',
    );
    for (const name of [long, other]) {
      expect(name.length).toBeLessThanOrEqual(52);
      expect(name).toMatch(DNS_SUBDOMAIN);
    }
    expect(long).not.toBe(other);
    const { manifest } = cronJobManifest(cronJob('Weekly Report (EU)', '0 6 * * 1'));
    expect(manifest.metadata.name).toBe('registers-weekly-report-eu');
    expect(manifest.metadata.annotations['registers-cron/job']).toBe('Weekly Report (EU)');
  });

  it('writes Sunday 7 as 0 and refuses inexact intervals and unscheduled jobs', () => {
    expect(cronJobManifest(cronJob('sun', '0 0 * * 7')).manifest.spec.schedule).toBe('0 0 * * 0');
    const { skipped } = generateArtifacts(
      [intervalJob('seven', 420), manualJob('m')],
      'kubernetes',
      ctx,
    );
    expect(skipped.map((s) => s.reason)).toEqual([
      "job 'seven': every 420 s has no exact Kubernetes CronJob schedule equivalent (only periods that divide an hour or a day repeat exactly on the clock)",
      'manual job has no schedule',
    ]);
  });
});
