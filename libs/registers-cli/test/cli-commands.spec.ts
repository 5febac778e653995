import { FixtureModule } from './fixtures/fixture.module';
import { middlewareCalls } from './fixtures/misc.commands';
import { TodoStore } from './fixtures/todo.commands';
import { startInProcess } from './support/cli-harness';

type Fixture = Awaited<ReturnType<typeof startInProcess>>;

describe('registers commands run in-process through the fixture console', () => {
  let fx: Fixture;
  let store: TodoStore;

  beforeAll(async () => {
    fx = await startInProcess(FixtureModule);
    store = fx.app.get(TodoStore);
  });
  afterAll(async () => fx.app.close());
  beforeEach(() => {
    store.items = [];
    middlewareCalls.length = 0;
  });

  describe('arguments', () => {
    it('binds a required positional and an optional one with its default', async () => {
      const r = await fx.run(['add', 'Buy milk']);
      expect(r).toEqual({
        code: 0,
        stdout: expect.stringMatching(/^Added: Buy milk \(ID: \d+\)\n$/),
        stderr: '',
      });
      expect(store.items[0]).toMatchObject({ title: 'Buy milk', description: '' });
    });

    it('accepts an argument with a default both as a positional and as --name value', async () => {
      await fx.run(['add', 'a']);
      const id = String(store.items[0].id);
      expect((await fx.run(['update', id, 'x'])).stdout).toBe(`Updated todo ID ${id}: x|\n`);
      expect((await fx.run(['update', id, '--title', 'y'])).stdout).toBe(
        `Updated todo ID ${id}: y|\n`,
      );
      expect((await fx.run(['update', id, '--description', 'd'])).stdout).toBe(
        `Updated todo ID ${id}: y|d\n`,
      );
      expect((await fx.run(['update', id, '--title=z', '--description=e'])).stdout).toBe(
        `Updated todo ID ${id}: z|e\n`,
      );
    });

    it('accepts a required argument as --name value too', async () => {
      const r = await fx.run(['add', '--title', 'Flagged', '--description', 'via flags']);
      expect(r.code).toBe(0);
      expect(store.items[0]).toMatchObject({ title: 'Flagged', description: 'via flags' });
    });

    it('coerces numbers and rejects a non-number with a usage error (exit 2)', async () => {
      expect((await fx.run(['tools', 'sum', '1', '2', '3.5'])).stdout).toBe('6.5\n');
      expect((await fx.run(['tools', 'sum', '-1', '4'])).stdout).toBe('3\n');
      const bad = await fx.run(['complete', 'abc']);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain(
        "Error: Invalid value 'abc' for argument 'id': expected a number.",
      );
      expect(bad.stderr).toContain('Usage: todo complete <id> [options]');
    });

    it('treats booleans as --flag / --no-flag with an alias and a default', async () => {
      expect((await fx.run(['tools', 'greet', 'bob'])).stdout).toBe('Hello bob\n');
      expect((await fx.run(['tools', 'greet', 'bob', '--shout'])).stdout).toBe('HELLO BOB\n');
      expect(
        (await fx.run(['tools', 'greet', 'bob', '-s', '--no-polite', '--times', '2'])).stdout,
      ).toBe('HEY BOB\nHEY BOB\n');
      expect((await fx.run(['tools', 'greet', 'bob', '--shout=false'])).stdout).toBe('Hello bob\n');
    });

    it('collects variadic array arguments, positionally or by repeating the flag', async () => {
      expect((await fx.run(['tools', 'tags', 'a', 'b', 'c', '--output', 'json'])).stdout).toBe(
        JSON.stringify(['a', 'b', 'c'], null, 2) + '\n',
      );
      expect(
        (await fx.run(['tools', 'tags', '--tags', 'x', '--tags', 'y', '--output', 'json'])).stdout,
      ).toBe(JSON.stringify(['x', 'y'], null, 2) + '\n');
      expect((await fx.run(['tools', 'tags', '--output', 'json'])).stdout).toBe('[]\n');
    });

    it('validates choices and names them in the error', async () => {
      const r = await fx.run(['deploy', 'service', 'nope']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        "Invalid value 'nope' for argument 'name': choose from api, worker, billing.",
      );
      expect(r.stderr).toContain('Usage: todo deploy service <name> [version] [options]');
    });

    it('reports a missing required argument with the command usage', async () => {
      const r = await fx.run(['add']);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toBe(
        "Error: Missing required argument 'title'.\nUsage: todo add <title> [description] [options]\n",
      );
    });

    it('rejects an extra positional and an unknown option with exit 2', async () => {
      expect((await fx.run(['complete', '1', '2'])).stderr).toContain("Unexpected argument '2'.");
      const unknown = await fx.run(['tools', 'greet', 'bob', '--shuot']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("Unknown option '--shuot'. Did you mean '--shout'?");
    });

    it('takes words after -- literally, even when they look like flags', async () => {
      const r = await fx.run(['add', '--', '--not-a-flag', '-x']);
      expect(r.code).toBe(0);
      expect(store.items[0]).toMatchObject({ title: '--not-a-flag', description: '-x' });
    });

    it('reports an option given without its value', async () => {
      const r = await fx.run(['add', '--title']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Option '--title' needs a value.");
    });
  });

  describe('command names and aliases', () => {
    it('runs a command through a flag-style alias exactly like its name', async () => {
      expect((await fx.run(['--add', 'Buy milk'])).stdout).toMatch(/^Added: Buy milk/);
      expect((await fx.run(['-a', 'Eggs'])).stdout).toMatch(/^Added: Eggs/);
      expect(store.items.map((i) => i.title)).toEqual(['Buy milk', 'Eggs']);
      expect((await fx.run(['-l', '--output', 'json'])).stdout).toContain('"title": "Eggs"');
    });

    it('runs group and command aliases', async () => {
      expect((await fx.run(['d', 's', 'api'])).stdout).toBe(
        'Deploying api:latest to prod/us-east-1\n',
      );
      expect((await fx.run(['svc', 'list', '--output', 'json'])).code).toBe(0);
      expect((await fx.run(['ls'])).stdout).toBe('No todo items found.\n');
    });

    it('suggests the closest command for an unknown one (exit 2)', async () => {
      const r = await fx.run(['lsit']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Error: Unknown command 'lsit'. Did you mean 'list'?");
      const inGroup = await fx.run(['deploy', 'servce', 'api']);
      expect(inGroup.code).toBe(2);
      expect(inGroup.stderr).toContain("Did you mean 'deploy service'?");
    });

    it('shows the command help for a flag alias followed by --help', async () => {
      const r = await fx.run(['--add', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: todo add <title> [description] [options]');
      expect(store.items).toEqual([]);
    });

    it('runs a hidden command that the listings leave out', async () => {
      expect((await fx.run(['tools', 'secret'])).stdout).toBe('hidden but runnable\n');
      expect((await fx.run(['--help'])).stdout).not.toContain('secret');
      expect((await fx.run(['help', 'tools'])).stdout).not.toContain('secret');
    });

    it('suggests a flag alias for a mistyped one', async () => {
      const r = await fx.run(['--lst']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Error: Unknown option '--lst'. Did you mean '--list'?");
    });

    it('asks for the sub-command when only a group is given', async () => {
      const r = await fx.run(['deploy']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Missing command for group 'deploy'.");
    });

    it('runs commands contributed by a plugin folder', async () => {
      expect((await fx.run(['plugin', 'ping', '--count', '2'])).stdout).toBe('pong x2\n');
    });
  });

  describe('global flags and context options', () => {
    it('builds the context from --env/--region before or after the command words', async () => {
      expect((await fx.run(['--env', 'staging', 'deploy', 'service', 'api'])).stdout).toBe(
        'Deploying api:latest to staging/us-east-1\n',
      );
      expect(
        (await fx.run(['deploy', 'service', 'api', '--region', 'eu-west-1', '--env=dev'])).stdout,
      ).toBe('Deploying api:latest to dev/eu-west-1\n');
      expect((await fx.run(['deploy', '--env', 'dev', 'service', 'worker', '2.0'])).stdout).toBe(
        'Deploying worker:2.0 to dev/us-east-1\n',
      );
    });

    it('validates context option choices with exit 2', async () => {
      const r = await fx.run(['--env', 'moon', 'services', 'list']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        "Invalid value 'moon' for option '--env': choose from prod, staging, dev.",
      );
    });

    it('accepts --quiet, --force/--yes and --debug anywhere and exposes them on ctx', async () => {
      const before = JSON.parse((await fx.run(['--quiet', '--yes', 'whoami'])).stdout);
      expect(before).toEqual({
        env: 'prod',
        region: 'us-east-1',
        quiet: true,
        force: true,
        debug: false,
      });
      const after = await fx.run(['whoami', '--force', '--debug', '--env', 'dev']);
      expect(JSON.parse(after.stdout)).toEqual({
        env: 'dev',
        region: 'us-east-1',
        quiet: false,
        force: true,
        debug: true,
      });
      expect(after.stderr).toMatch(/\[debug\] whoami started/);
      expect(after.stderr).toMatch(/\[debug\] whoami finished in [\d.]+ ms/);
    });

    it('rejects an --output mode outside json|csv|plain|table with exit 2', async () => {
      for (const argv of [
        ['--output', 'xml', 'list'],
        ['list', '--output', 'yaml'],
        ['list', '--output'],
      ]) {
        const r = await fx.run(argv);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
      }
      expect((await fx.run(['list', '--output', 'xml'])).stderr).toContain(
        "Invalid output mode 'xml': choose from json, csv, plain, table.",
      );
    });

    it('prints the version for --version alone, and passes --version VALUE to a command owning it', async () => {
      expect(await fx.run(['--version'])).toEqual({ code: 0, stdout: '1.2.3\n', stderr: '' });
      expect((await fx.run(['tools', 'release', '--version', '9.9'])).stdout).toBe('release 9.9\n');
      expect((await fx.run(['tools', 'release'])).stdout).toBe('release 0.0.1\n');
    });

    it('prints the version for --version after a command that has no version argument', async () => {
      expect(await fx.run(['list', '--version'])).toEqual({
        code: 0,
        stdout: '1.2.3\n',
        stderr: '',
      });
    });

    it('gives --output to a command owning an output argument and --cli-output to the runtime', async () => {
      const owned = await fx.run(['tools', 'export', '--output', 'out.csv']);
      expect(owned.stdout).toBe('file: out.csv\nmode: plain\n');
      const both = await fx.run(['tools', 'export', '--output', 'out.csv', '--cli-output', 'json']);
      expect(JSON.parse(both.stdout)).toEqual({ file: 'out.csv', mode: 'json' });
    });

    it('exposes --dry-run on ctx.dryRun and as an @Arg("dryRun") parameter', async () => {
      expect((await fx.run(['deploy', 'service', 'api', '--dry-run'])).stdout).toBe(
        'Would deploy api:latest to prod/us-east-1\n',
      );
      expect((await fx.run(['deploy', 'rollback', 'api', '--dry-run'])).stdout).toBe(
        'rollback api in prod dryRun=true\n',
      );
      expect((await fx.run(['services', 'list', '--dry-run'])).code).toBe(2);
    });
  });

  describe('output modes', () => {
    it('prints objects as json, csv with a header row, table and plain lines', async () => {
      const json = await fx.run(['tools', 'table', '--output', 'json']);
      expect(JSON.parse(json.stdout)).toEqual([
        { id: 1, name: 'a,b', note: 'say "hi"' },
        { id: 2, name: 'c', note: null },
      ]);
      expect((await fx.run(['tools', 'table', '--output', 'csv'])).stdout).toBe(
        'id,name,note\n1,"a,b","say ""hi"""\n2,c,\n',
      );
      const table = (await fx.run(['tools', 'table', '--output', 'table'])).stdout;
      expect(table).toMatch(/│ id │ name │ note +│/);
      expect(table).toMatch(/│ 1 +│ a,b +│ say "hi" │/);
      const plain = (await fx.run(['tools', 'table'])).stdout;
      expect(plain.split('\n')[0]).toMatch(/^id\s+name\s+note$/);
    });

    it('uses the command defaultOutput unless --output overrides it', async () => {
      const page = await fx.run(['incidents', 'page', 'api']);
      expect(JSON.parse(page.stdout)).toEqual({
        env: 'prod',
        region: 'us-east-1',
        service: 'api',
        severity: 'sev2',
        page: true,
      });
      const plain = await fx.run(['incidents', 'page', 'api', 'sev1', '--output', 'plain']);
      expect(plain.stdout).toContain('severity: sev1');
    });

    it('prints strings as they are and nothing for undefined', async () => {
      expect((await fx.run(['add', 'x', '--output', 'json'])).stdout).toMatch(
        /^Added: x \(ID: \d+\)\n$/,
      );
      expect(await fx.run(['tools', 'nothing'])).toEqual({ code: 0, stdout: '', stderr: '' });
    });
  });

  describe('errors', () => {
    it('prints "Error: <message>" on stderr with exit 1 when a handler throws, without a stack', async () => {
      const r = await fx.run(['tools', 'fail']);
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error: boom\n' });
    });

    it('adds the stack with --debug', async () => {
      const r = await fx.run(['tools', 'fail', '--debug']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Error: boom\n[\s\S]*at ToolCommands\.fail/);
    });

    it('prints a JSON error object with --output json, keeping the error context', async () => {
      const r = await fx.run(['tools', 'fail', 'store', '--output', 'json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stderr)).toEqual({
        error: {
          type: 'StoreError',
          message: 'Todo could not be saved',
          context: { model: 'Todo', operation: 'save', command: 'tools fail' },
        },
      });
      const usage = await fx.run(['--output', 'json', 'nope']);
      expect(usage.code).toBe(2);
      expect(JSON.parse(usage.stderr).error).toMatchObject({
        type: 'UnknownCommandError',
        message: "Unknown command 'nope'.",
      });
    });

    it('wraps a thrown non-Error in CommandExecutionError', async () => {
      const r = await fx.run(['tools', 'fail', 'string', '--output', 'json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stderr)).toEqual({
        error: {
          type: 'CommandExecutionError',
          message: 'tools fail: a bare string',
          context: { command: 'tools fail' },
        },
      });
    });

    it('exits 1 with a not-found message from the handler', async () => {
      const r = await fx.run(['complete', '42']);
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error: Todo 42 not found\n' });
    });
  });

  describe('confirmation', () => {
    it('refuses a confirmed command without a TTY unless --force/--yes, and keeps the item', async () => {
      await fx.run(['add', 'keep me']);
      const id = String(store.items[0].id);
      const refused = await fx.run(['remove', id]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--force');
      expect(refused.stderr).toContain(`Remove todo ${id}?`);
      expect(store.items).toHaveLength(1);
      expect((await fx.run(['remove', id, '--yes'])).stdout).toBe(
        `Removed todo ID ${id} (force=true).\n`,
      );
      expect(store.items).toHaveLength(0);
    });

    it('fills {placeholders} from the context and the arguments', async () => {
      const r = await fx.run(['deploy', 'rollback', 'api', '--env', 'staging']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Roll back api in staging?');
    });

    it('asks on a TTY and runs on yes, aborts on no', async () => {
      expect(
        (await fx.run(['deploy', 'rollback', 'api'], { tty: true, stdin: 'y\n' })).stdout,
      ).toBe('rollback api in prod dryRun=false\n');
      const no = await fx.run(['deploy', 'rollback', 'api'], { tty: true, stdin: 'n\n' });
      expect(no.code).toBe(1);
      expect(no.stderr).toContain('Aborted');
    });
  });

  describe('middleware', () => {
    it('runs before and after hooks in registration order around the handler', async () => {
      await fx.run(['tools', 'sum', '1', '2']);
      expect(middlewareCalls).toEqual([
        'first.before tools sum {"numbers":[1,2]}',
        'second.before tools sum',
        'first.after tools sum string',
        'second.after tools sum',
      ]);
    });

    it('runs onError hooks when the handler fails and not after hooks', async () => {
      await fx.run(['tools', 'fail']);
      expect(middlewareCalls).toEqual([
        'first.before tools fail {"kind":"plain"}',
        'second.before tools fail',
        'first.onError tools fail boom',
      ]);
    });

    it('does not run middleware for usage errors', async () => {
      await fx.run(['tools', 'sum', 'x']);
      expect(middlewareCalls).toEqual([]);
    });
  });

  describe('progress', () => {
    it('renders a bar on stderr on a TTY', async () => {
      const r = await fx.run(['tools', 'work', '--steps', '2'], { tty: true });
      expect(r.stdout).toBe('worked 2\n');
      expect(r.stderr).toContain('work [##############################] 2/2 100%');
    });

    it('renders nothing when piped or with --quiet', async () => {
      expect((await fx.run(['tools', 'work'])).stderr).toBe('work log line\n');
      expect((await fx.run(['tools', 'work', '--quiet'], { tty: true })).stderr).toBe('');
    });
  });
});
