import { FixtureModule } from './fixtures/fixture.module';
import { middlewareCalls } from './fixtures/misc.commands';
import { TodoStore } from './fixtures/todo.commands';
import { startInProcess } from './support/cli-harness';
import { CliRegistry, RegistersCliModuleOptions } from '../src';
import { InteractiveShell } from '../src/shell/interactive-shell';

type Fixture = Awaited<ReturnType<typeof startInProcess>>;

describe('help', () => {
  let fx: Fixture;
  beforeAll(async () => (fx = await startInProcess(FixtureModule)));
  afterAll(async () => fx.app.close());
  beforeEach(() => (middlewareCalls.length = 0));

  it('lists groups and commands with descriptions, classic commands included, on stdout', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await fx.run(argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('Todo Console v1.2.3');
      expect(r.stdout).toMatch(
        /add <title> \[description\]\s+Add a todo item \(aliases: --add, -a\)/,
      );
      expect(r.stdout).toMatch(/deploy\s+Deployment workflows \(aliases: d\)/);
      expect(r.stdout).toMatch(/deploy service <name> \[version\]\s+Deploy one service/);
      expect(r.stdout).toMatch(/hello \[who\]\s+A classic nest-commander command/);
      expect(r.stdout).toMatch(
        /--env <value>\s+Target environment\s+choices: prod, staging, dev\s+default: prod/,
      );
    }
  });

  it('shows group help for `help <group>` and `<group> --help`', async () => {
    const a = await fx.run(['help', 'deploy']);
    const b = await fx.run(['deploy', '--help']);
    expect(a).toEqual(b);
    expect(a.stdout).toContain('Usage: todo deploy <command> [arguments] [options]');
    expect(a.stdout).toMatch(/deploy rollback <name>\s+Roll a service back/);
  });

  it('shows command help with choices, defaults, aliases, arguments and examples', async () => {
    const a = await fx.run(['help', 'deploy', 'service']);
    expect(await fx.run(['deploy', 'service', '--help'])).toEqual(a);
    expect(await fx.run(['d', 's', '-h'])).toEqual(a);
    expect(a.stdout).toContain('Usage: todo deploy service <name> [version] [options]');
    expect(a.stdout).toContain('Aliases: deploy s');
    expect(a.stdout).toMatch(
      /name\s+Service to deploy\s+\(string\)\s+choices: api, worker, billing\s+required/,
    );
    expect(a.stdout).toMatch(/version\s+Artifact version\s+\(string\)\s+default: latest/);
    expect(a.stdout).toContain('--dry-run');
    expect(a.stdout).toContain(
      'Examples:\n  ops deploy service api\n  ops d service worker 2026.05 --dry-run',
    );
  });

  it('answers --help without running the handler, even with required arguments missing', async () => {
    const r = await fx.run(['tools', 'fail', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: todo tools fail [kind] [options]');
    expect((await fx.run(['add', '--help'])).code).toBe(0);
    expect(middlewareCalls).toEqual([]);
  });

  it('shows --cli-output in the help of a command owning an output argument', async () => {
    expect((await fx.run(['help', 'tools', 'export'])).stdout).toContain('--cli-output <mode>');
  });

  it('bolds headings on a terminal, and not with --no-color, NO_COLOR or a pipe', async () => {
    expect((await fx.run(['--help'], { stdoutTty: true })).stdout).toContain(
      '\x1b[1mCommands:\x1b[0m',
    );
    expect((await fx.run(['--help', '--no-color'], { stdoutTty: true })).stdout).not.toContain(
      '\x1b[',
    );
    expect(
      (await fx.run(['--help'], { stdoutTty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain('\x1b[');
    expect((await fx.run(['--help'])).stdout).not.toContain('\x1b[');
  });

  it('colors the error label only on a terminal', async () => {
    expect((await fx.run(['tools', 'fail'], { tty: true })).stderr).toBe(
      '\x1b[31mError:\x1b[0m boom\n',
    );
    expect((await fx.run(['tools', 'fail', '--no-color'], { tty: true })).stderr).toBe(
      'Error: boom\n',
    );
  });

  it('fails with exit 2 and a suggestion for help on an unknown command', async () => {
    const r = await fx.run(['help', 'deplyo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Did you mean 'deploy'?");
  });
});

describe('interactive shell reading piped stdin', () => {
  let fx: Fixture;
  let store: TodoStore;
  beforeAll(async () => {
    fx = await startInProcess(FixtureModule);
    store = fx.app.get(TodoStore);
  });
  afterAll(async () => fx.app.close());
  beforeEach(() => (store.items = []));

  it('prints the banner, runs each line with shell-style quoting and exits 0 at end of input', async () => {
    const r = await fx.run(['--interactive'], {
      stdin: 'add "Buy milk" \'two litres\'\nlist --output json\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Todo Console v1.2.3');
    expect(r.stdout).toContain('Fixture console for @registers/cli tests');
    expect(r.stdout).toMatch(/Added: Buy milk \(ID: \d+\)/);
    expect(store.items[0]).toMatchObject({ title: 'Buy milk', description: 'two litres' });
    expect(r.stdout).toContain('"description": "two litres"');
  });

  it('also starts without arguments when stdin is not a TTY', async () => {
    const r = await fx.run([], { stdin: 'add piped\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Todo Console');
    expect(r.stdout).toMatch(/Added: piped/);
  });

  it('prints the program help after the banner when there is no argument and no input', async () => {
    const r = await fx.run([], { stdin: '' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Todo Console');
    expect(r.stdout).toContain('Commands:');
  });

  it('keeps going after a failing command, an unknown command and a usage error', async () => {
    const r = await fx.run(['--interactive'], {
      stdin: 'complete 99\nad x\nadd\n"unterminated\nadd after\n',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Error: Todo 99 not found');
    expect(r.stderr).toContain("Error: Unknown command 'ad'. Did you mean 'add'?");
    expect(r.stderr).toContain("Missing required argument 'title'");
    expect(r.stderr).toContain('Unterminated double quote');
    expect(r.stdout).toMatch(/Added: after/);
  });

  it('runs the built-ins help, commands, exec, and stops at exit', async () => {
    const r = await fx.run(['--interactive'], {
      stdin: 'help\ncommands\nexec echo from-the-shell\nhelp deploy\nexit\nadd never\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Shell built-ins: help [command], commands, exec <shell command>, exit, quit',
    );
    expect(r.stdout).toMatch(/^deploy service <name> \[version\] {2}- Deploy one service$/m);
    expect(r.stdout).toContain('from-the-shell\n');
    expect(r.stdout).toContain('Usage: todo deploy <command>');
    expect(store.items).toEqual([]);
  });

  it('applies global options given at shell start to every line, and per-line overrides', async () => {
    const r = await fx.run(['--interactive', '--env', 'staging'], {
      stdin: 'd s api\nd s api --env dev\n',
    });
    expect(r.stdout).toContain('Deploying api:latest to staging/us-east-1');
    expect(r.stdout).toContain('Deploying api:latest to dev/us-east-1');
  });

  it('refuses confirmed commands without --force, since piped stdin is no TTY', async () => {
    const r = await fx.run(['--interactive'], { stdin: 'add a\nremove 1\nlist\n' });
    expect(r.stderr).toContain('--force');
    expect(store.items).toHaveLength(1);
  });

  it('treats quit like exit', async () => {
    const r = await fx.run(['--interactive'], { stdin: 'quit\nadd never\n' });
    expect(r.code).toBe(0);
    expect(store.items).toEqual([]);
  });
});

describe('shell tab completion', () => {
  let fx: Fixture;
  let shell: InteractiveShell;
  beforeAll(async () => {
    fx = await startInProcess(FixtureModule);
    const registry = fx.app.get(CliRegistry);
    const options = { name: 'todo' } as RegistersCliModuleOptions;
    shell = new InteractiveShell(fx.runner, registry, fx.runner.help, options, {} as never);
  });
  afterAll(async () => fx.app.close());

  it('completes groups, commands and built-ins as the first word', () => {
    expect(shell.complete('de')).toEqual([['deploy '], 'de']);
    expect(shell.complete('ex')).toEqual([['exec', 'exit'], 'ex']);
    expect(shell.complete('')[0]).toEqual(
      expect.arrayContaining(['add', 'deploy', 'services', 'svc', 'help', 'quit']),
    );
  });

  it('completes the commands of a group, also through the group alias', () => {
    expect(shell.complete('deploy ')).toEqual([['rollback', 's', 'service'], '']);
    expect(shell.complete('d se')).toEqual([['service '], 'se']);
  });

  it('completes choices of positionals and options', () => {
    expect(shell.complete('deploy service ')).toEqual([['api', 'billing', 'worker'], '']);
    expect(shell.complete('deploy service w')).toEqual([['worker '], 'w']);
    expect(shell.complete('list ')).toEqual([['all', 'completed', 'pending'], '']);
    expect(shell.complete('list --status c')).toEqual([['completed '], 'c']);
    expect(shell.complete('incidents page api sev')).toEqual([['sev1', 'sev2', 'sev3'], 'sev']);
  });

  it('completes flags of the command', () => {
    const [hits] = shell.complete('deploy service api --d');
    expect(hits).toEqual(['--debug', '--dry-run']);
  });
});
