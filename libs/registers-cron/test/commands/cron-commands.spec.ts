import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { CronService, Job, JobPayload, RegistersCronModule } from '@registers/cron';
import { RegistersCronCommandsModule } from '@registers/cron/commands';
import { runUntilStopSignal } from '../../src/commands/foreground';
import { startCliConsole } from '../../../registers-db/test/support/console';

@Injectable()
class ReportJobs {
  @Job()
  report(@JobPayload() payload: unknown) {
    return payload;
  }
}

describe('cron commands in-process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cron-commands-'));
  let cli: Awaited<ReturnType<typeof startCliConsole>>;

  beforeAll(async () => {
    cli = await startCliConsole(
      [
        RegistersCronModule.forRoot({ url: `sqlite:${join(dir, 'cron.db')}`, autoStart: false }),
        RegistersCronCommandsModule.forRoot({ group: 'jobs' }),
      ],
      [ReportJobs],
    );
  });
  afterAll(async () => {
    await cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the commands under the group given to forRoot', async () => {
    const result = await cli.run('jobs', 'trigger', 'report');
    expect(result).toEqual({ code: 0, stdout: 'Triggered report: event 1\n', stderr: '' });
    expect((await cli.run('cron', 'jobs')).code).toBe(2);
  });

  it('triggers a job workflow with { workflow, file } merged into the payload', async () => {
    await cli.run(
      'jobs',
      'register-workflow',
      'monthly',
      '--file',
      'sql/monthly.sql',
      '--job',
      'report',
    );
    const result = await cli.run(
      'jobs',
      'run-workflow',
      'monthly',
      '--payload',
      '{"month":"2026-05","file":"ignored"}',
    );
    expect(result).toEqual({
      code: 0,
      stdout: 'Triggered report for workflow monthly: event 2\n',
      stderr: '',
    });
    const [event] = await cli.app.get(CronService).events({ job: 'report', limit: 1 });
    expect(event).toMatchObject({
      id: 2,
      payload: { month: '2026-05', workflow: 'monthly', file: 'sql/monthly.sql' },
    });
  });

  it('replaces a workflow registered again under the same name', async () => {
    await cli.run(
      'jobs',
      'register-workflow',
      'monthly',
      '--file',
      'cleanup.sh',
      '--command',
      'true',
    );
    const workflows = JSON.parse((await cli.run('jobs', 'workflows', '--output', 'json')).stdout);
    expect(workflows).toEqual([
      expect.objectContaining({ name: 'monthly', file: 'cleanup.sh', job: null, command: 'true' }),
    ]);
  });

  it('fails at startup with a clear message when RegistersCronModule is missing', async () => {
    await expect(startCliConsole([RegistersCronCommandsModule.forRoot()])).rejects.toThrow(
      /RegistersCronCommandsModule: no CronService\. Import RegistersCronModule\.forRoot/,
    );
  });
});

describe('runUntilStopSignal', () => {
  it('sets the SIGINT listeners aside while it waits, stops on the signal, and puts them back', async () => {
    const exitOnCtrlC = jest.fn();
    process.on('SIGINT', exitOnCtrlC);
    const steps: string[] = [];
    try {
      const done = runUntilStopSignal({
        start: async () => void steps.push('start'),
        stop: async () => void steps.push('stop'),
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(process.listeners('SIGINT')).not.toContain(exitOnCtrlC);
      process.emit('SIGINT', 'SIGINT');
      await expect(done).resolves.toBe('SIGINT');
      expect(steps).toEqual(['start', 'stop']);
      expect(exitOnCtrlC).not.toHaveBeenCalled();
      expect(process.listeners('SIGINT')).toContain(exitOnCtrlC);
      expect(process.listenerCount('SIGTERM')).toBe(0);
    } finally {
      process.off('SIGINT', exitOnCtrlC);
    }
  });
});
