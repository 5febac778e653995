/**
 * The ops desk of the sample console: context options (--env, --region) anywhere on the
 * line, group aliases, choices, dry-run and a json-by-default command. None of it needs a
 * database, so every test also checks that the working directory stays empty.
 */
import {
  assertConsoleBuilt,
  ConsoleResult,
  lines,
  listFiles,
  makeTempDir,
  runConsole,
} from './support/run-console';

jest.setTimeout(60_000);

describe('sample console ops desk', () => {
  const workdir = makeTempDir();
  const run = (...args: string[]): Promise<ConsoleResult> => runConsole(args, { cwd: workdir.dir });

  beforeAll(() => assertConsoleBuilt());
  afterEach(() => expect(listFiles(workdir.dir)).toEqual([]));
  afterAll(() => workdir.remove());

  describe('services list', () => {
    it('returns one row per service with owner, env and region in json', async () => {
      const result = await run('services', 'list', '--output', 'json');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
      expect(rows).toEqual([
        { service: 'api', owner: 'platform', env: 'prod', region: 'us-east-1' },
        { service: 'worker', owner: 'automation', env: 'prod', region: 'us-east-1' },
        { service: 'billing', owner: 'finance-eng', env: 'prod', region: 'us-east-1' },
      ]);
      for (const row of rows)
        expect(Object.keys(row)).toEqual(['service', 'owner', 'env', 'region']);
    });

    it('takes --env and --region before the command words', async () => {
      const result = await run(
        '--env',
        'stage',
        '--region',
        'eu-west-1',
        'services',
        'list',
        '--output',
        'json',
      );
      expect(result.code).toBe(0);
      const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
      expect(rows.map((row) => [row.env, row.region])).toEqual([
        ['stage', 'eu-west-1'],
        ['stage', 'eu-west-1'],
        ['stage', 'eu-west-1'],
      ]);
    });

    it('takes --env and --region after the command words through the svc alias', async () => {
      const result = await run(
        'svc',
        'list',
        '--env',
        'dev',
        '--output',
        'json',
        '--region',
        'ap-south-1',
      );
      expect(result.code).toBe(0);
      const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
      expect(rows[0]).toEqual({
        service: 'api',
        owner: 'platform',
        env: 'dev',
        region: 'ap-south-1',
      });
    });

    it('prints csv with a header row of service,owner,env,region', async () => {
      const result = await run('services', 'list', '--output', 'csv');
      expect(result.code).toBe(0);
      expect(lines(result.stdout)).toEqual([
        'service,owner,env,region',
        'api,platform,prod,us-east-1',
        'worker,automation,prod,us-east-1',
        'billing,finance-eng,prod,us-east-1',
      ]);
    });

    it('renders a table naming every service', async () => {
      const result = await run('services', 'list', '--output', 'table', '--no-color');
      expect(result.code).toBe(0);
      for (const word of ['service', 'owner', 'api', 'worker', 'billing', 'finance-eng']) {
        expect(result.stdout).toContain(word);
      }
      expect(result.stdout).not.toContain(String.fromCharCode(27));
    });
  });

  describe('deploy service', () => {
    it('deploys the latest version to prod/us-east-1 by default without asking', async () => {
      expect(await run('deploy', 'service', 'api')).toEqual({
        code: 0,
        stdout: 'Deploying api:latest to prod/us-east-1\n',
        stderr: '',
      });
    });

    it('previews with --dry-run', async () => {
      expect(await run('deploy', 'service', 'api', '--dry-run')).toEqual({
        code: 0,
        stdout: 'Would deploy api:latest to prod/us-east-1\n',
        stderr: '',
      });
    });

    it('takes a version positionally through the d alias, with context options', async () => {
      const result = await run(
        '--env',
        'stage',
        'd',
        'service',
        'worker',
        '2026.05',
        '--dry-run',
        '--region',
        'us-west-2',
      );
      expect(result).toMatchObject({
        code: 0,
        stdout: 'Would deploy worker:2026.05 to stage/us-west-2\n',
      });
    });

    it('treats --version after the command as the version argument', async () => {
      const result = await run('deploy', 'service', 'billing', '--version', '1.2.3');
      expect(result).toMatchObject({
        code: 0,
        stdout: 'Deploying billing:1.2.3 to prod/us-east-1\n',
      });
    });

    it('refuses a service outside api|worker|billing with exit 2 naming the choices', async () => {
      const result = await run('deploy', 'service', 'payments');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/payments/);
      expect(result.stderr).toMatch(/api/);
      expect(result.stderr).toMatch(/billing/);
    });

    it('refuses an extra positional argument with exit 2', async () => {
      const result = await run('deploy', 'service', 'api', '1.0', 'surplus');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/surplus/);
    });

    it('refuses a missing service name with exit 2', async () => {
      const result = await run('deploy', 'service');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/name/);
    });
  });

  describe('incidents page', () => {
    it('returns the page as json by default with severity sev2', async () => {
      const result = await run('incidents', 'page', 'api');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const page = JSON.parse(result.stdout) as Record<string, string>;
      expect(page).toEqual({
        env: 'prod',
        region: 'us-east-1',
        service: 'api',
        severity: 'sev2',
        page: 'platform-oncall',
      });
      expect(Object.keys(page)).toEqual(['env', 'region', 'service', 'severity', 'page']);
    });

    it('takes a severity and the context options', async () => {
      const result = await run('incidents', 'page', 'billing', 'sev1', '--env', 'stage');
      expect(JSON.parse(result.stdout)).toEqual({
        env: 'stage',
        region: 'us-east-1',
        service: 'billing',
        severity: 'sev1',
        page: 'finance-eng-oncall',
      });
    });

    it('prints csv with a header row of env,region,service,severity,page when asked', async () => {
      const result = await run('incidents', 'page', 'worker', '--output', 'csv');
      expect(result.code).toBe(0);
      expect(lines(result.stdout)).toEqual([
        'env,region,service,severity,page',
        'prod,us-east-1,worker,sev2,automation-oncall',
      ]);
    });

    it('refuses a severity outside sev1|sev2|sev3 with exit 2', async () => {
      const result = await run('incidents', 'page', 'api', 'sev9');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/sev9/);
    });
  });
});
