import 'reflect-metadata';
import { RegistersDbModule } from '@registers/db';
import { RegistersDbCommandsModule } from '@registers/db/commands';
import { DEFAULT_URLS, reachableDialects } from '../../../test/support/dialects';
import { startCliConsole } from './support/console';

const PASSWORD = 'Hunter2-never-printed';

/** Runs `db health --debug` on a console whose database URL comes from the environment. */
async function healthWithDebug(env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const cli = await startCliConsole([
      RegistersDbModule.forRoot({ autoCreate: false }),
      RegistersDbCommandsModule.forRoot(),
    ]);
    try {
      return await cli.run('db', 'health', '--debug');
    } finally {
      await cli.close();
    }
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('db health --debug never prints the database password', () => {
  it('when the server does not answer (error, cause and context shown)', async () => {
    const result = await healthWithDebug({
      REGISTERS_DATABASE_URL: 'postgres://app@127.0.0.1:1/test',
      REGISTERS_DATABASE_PASSWORD: PASSWORD,
    });
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('postgres://app:***@127.0.0.1:1/test');
    expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
  });

  (reachableDialects().includes('postgres') ? it : it.skip)(
    'when the database answers',
    async () => {
      const result = await healthWithDebug({
        REGISTERS_DATABASE_URL: DEFAULT_URLS.postgres,
        REGISTERS_DATABASE_PASSWORD: PASSWORD,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('ok');
      expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
    },
  );
});
