/**
 * The console on a real terminal (tmux): with no arguments it opens the shell, Tab
 * completes groups, commands and choices, and `remove` asks for confirmation.
 */
import { assertConsoleBuilt, makeTempDir, runConsole } from './support/run-console';
import { TmuxTerminal, tmuxAvailable } from './support/tmux';

jest.setTimeout(90_000);

const describeWithTmux = tmuxAvailable() || process.env.CI === 'true' ? describe : describe.skip;

describeWithTmux('sample console on a TTY', () => {
  let workdir: { dir: string; remove: () => void };
  let terminal: TmuxTerminal;
  let databaseUrl: string;

  beforeAll(() => assertConsoleBuilt());
  beforeEach(() => {
    workdir = makeTempDir();
    databaseUrl = `sqlite:${workdir.dir}/tty.db`;
    terminal = new TmuxTerminal(workdir.dir);
  });
  afterEach(() => {
    terminal.stop();
    workdir.remove();
  });

  it('opens the Todo Console shell without arguments and completes groups, commands and choices with Tab', async () => {
    terminal.start([], databaseUrl);
    await terminal.waitFor(/Todo Console/);

    // Whether a completion ends in a space is the completer's choice; extra spaces are harmless.
    terminal.type('depl', 'Tab');
    await terminal.waitFor(/deploy\s*$/m);
    terminal.type(' serv', 'Tab');
    await terminal.waitFor(/deploy\s+service\s*$/m);
    terminal.type(' bil', 'Tab');
    await terminal.waitFor(/deploy\s+service\s+billing\s*$/m);
    terminal.type(' --dry-run', 'Enter');
    await terminal.waitFor(/Would deploy billing:latest to prod\/us-east-1/);

    terminal.type('exit', 'Enter');
    await terminal.waitFor(/\[exit 0\]/);
  });

  it('asks before remove on a TTY: "n" keeps the item, "y" removes it', async () => {
    const added = await runConsole(['add', 'Keep me?'], { cwd: workdir.dir, databaseUrl });
    expect(added.stdout).toBe('Added: Keep me? (ID: 1)\n');

    terminal.start(['remove', '1'], databaseUrl);
    await terminal.waitFor(/Remove todo ID 1\?/);
    terminal.type('n', 'Enter');
    await terminal.waitFor(/\[exit 1\]/);
    const kept = await runConsole(['list'], { cwd: workdir.dir, databaseUrl });
    expect(kept.stdout).toBe('1: Keep me? [pending]\n');
    terminal.stop();

    terminal = new TmuxTerminal(workdir.dir);
    terminal.start(['remove', '1'], databaseUrl);
    await terminal.waitFor(/Remove todo ID 1\?/);
    terminal.type('y', 'Enter');
    await terminal.waitFor(/\[exit 0\]/);
    const after = await runConsole(['list'], { cwd: workdir.dir, databaseUrl });
    expect(after.stdout).toBe('No todo items found.\n');
  });

  it('exits 130 on Ctrl-C at the remove prompt and keeps the item', async () => {
    await runConsole(['add', 'Still here'], { cwd: workdir.dir, databaseUrl });
    terminal.start(['remove', '1'], databaseUrl);
    await terminal.waitFor(/Remove todo ID 1\?/);
    terminal.type('', 'C-c');
    await terminal.waitFor(/\[exit 130\]/);
    const kept = await runConsole(['list'], { cwd: workdir.dir, databaseUrl });
    expect(kept.stdout).toBe('1: Still here [pending]\n');
  });

  it('keeps shell history in a file and recalls it with the Up arrow in the next session', async () => {
    terminal.start([], databaseUrl);
    await terminal.waitFor(/Todo Console/);
    terminal.type('incidents page worker sev3', 'Enter');
    await terminal.waitFor(/automation-oncall/);
    terminal.type('', 'C-d');
    await terminal.waitFor(/\[exit 0\]/);
    terminal.stop();

    terminal = new TmuxTerminal(workdir.dir);
    terminal.start([], databaseUrl);
    await terminal.waitFor(/Todo Console/);
    terminal.type('', 'Up');
    await terminal.waitFor(/> incidents page worker sev3\s*$/m);
    terminal.type('', 'Enter');
    await terminal.waitFor(/"severity": "sev3"/);
    terminal.type('quit', 'Enter');
    await terminal.waitFor(/\[exit 0\]/);
  });
});
