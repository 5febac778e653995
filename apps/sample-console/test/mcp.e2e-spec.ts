import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { assertConsoleBuilt, CONSOLE_MAIN, consoleEnv, makeTempDir } from './support/run-console';

jest.setTimeout(60_000);

/** The built console as an MCP server (`todo mcp`), driven by the SDK's own client. */
describe('todo mcp: the console as MCP tools', () => {
  const workdir = makeTempDir('sample-console-mcp-');
  const transportErrors: Error[] = [];
  let stderr = '';
  let client: Client;

  beforeAll(async () => {
    assertConsoleBuilt();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CONSOLE_MAIN, 'mcp'],
      cwd: workdir.dir,
      env: consoleEnv() as Record<string, string>,
      stderr: 'pipe',
    });
    // A line on stdout that is not a protocol message surfaces here as a parse error.
    transport.onerror = (error) => transportErrors.push(error);
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'sample-console-e2e', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client.close();
    workdir.remove();
  });

  const call = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args });
  const todos = async () =>
    ((await call('list')).structuredContent as { result: Array<Record<string, unknown>> }).result;

  it('introduces itself with the console name and version', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'todo', version: '0.1.0' });
  });

  it('lists the commands as tools with schemas from their arguments', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ['add', 'list', 'complete', 'update', 'deploy_service', 'services_list'])
      expect(byName.has(name)).toBe(true);
    // @Confirm commands, long-running and shell-registering ones, classic and built-in commands.
    for (const name of ['remove', 'cron_start', 'cron_register-workflow', 'about', 'help', 'mcp'])
      expect(byName.has(name)).toBe(false);

    expect(byName.get('add')).toMatchObject({
      description: 'Create a todo item',
      inputSchema: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string', description: 'Todo title' },
          description: { type: 'string', default: '', description: 'Todo description' },
          env: { type: 'string', default: 'prod', description: 'Target environment' },
          region: { type: 'string', default: 'us-east-1', description: 'Target region' },
        },
      },
    });
    expect(byName.get('list')).toMatchObject({
      annotations: { title: 'list', readOnlyHint: true },
      inputSchema: {
        properties: {
          status: { type: 'string', enum: ['pending', 'completed', 'all'], default: 'all' },
        },
      },
    });
    expect(byName.get('list')!.inputSchema.required).toBeUndefined();
    expect(byName.get('deploy_service')!.inputSchema).toMatchObject({
      required: ['name'],
      properties: {
        name: { type: 'string', enum: ['api', 'worker', 'billing'] },
        version: { type: 'string', default: 'latest' },
        dryRun: { type: 'boolean', default: false },
      },
    });
    expect(byName.get('complete')!.inputSchema.properties!.id).toEqual({
      type: 'number',
      description: 'Todo ID',
    });
  });

  it('adds and lists todos, returning the records as structured content', async () => {
    const added = await call('add', { title: 'Buy milk', description: 'Two litres' });
    expect(added.isError).toBeFalsy();
    expect(added.structuredContent).toEqual({ result: 'Added: Buy milk (ID: 1)' });
    expect(added.content).toEqual([{ type: 'text', text: 'Added: Buy milk (ID: 1)' }]);

    const list = await call('list');
    const items = (list.structuredContent as { result: Array<Record<string, unknown>> }).result;
    expect(items).toEqual([
      expect.objectContaining({
        id: 1,
        title: 'Buy milk',
        description: 'Two litres',
        status: 'pending',
      }),
    ]);
    expect(JSON.parse((list.content as Array<{ text: string }>)[0].text)).toEqual(items);
    const completed = await call('list', { status: 'completed' });
    expect(completed.structuredContent).toEqual({ result: [] });
  });

  it('previews a deploy with dryRun and applies context options per call', async () => {
    const preview = await call('deploy_service', { name: 'api', dryRun: true, env: 'stage' });
    expect(preview.structuredContent).toEqual({
      result: 'Would deploy api:latest to stage/us-east-1',
    });
    const real = await call('deploy_service', { name: 'worker', version: '2026.05' });
    expect(real.structuredContent).toEqual({
      result: 'Deploying worker:2026.05 to prod/us-east-1',
    });
  });

  it('runs a grouped read-only command with its choices, defaults and context options', async () => {
    const tool = (await client.listTools()).tools.find((t) => t.name === 'incidents_page');
    expect(tool).toMatchObject({
      annotations: { readOnlyHint: true },
      inputSchema: {
        required: ['service'],
        properties: {
          service: { type: 'string', enum: ['api', 'worker', 'billing'] },
          severity: { type: 'string', enum: ['sev1', 'sev2', 'sev3'], default: 'sev2' },
        },
      },
    });
    const page = await call('incidents_page', { service: 'billing', region: 'eu-west-1' });
    expect(page.isError).toBeFalsy();
    expect(page.structuredContent).toEqual({
      result: {
        env: 'prod',
        region: 'eu-west-1',
        service: 'billing',
        severity: 'sev2',
        page: 'finance-eng-oncall',
      },
    });
  });

  it('reports a failing command as a tool error with its type and context', async () => {
    const result = await call('complete', { id: 999 });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual({
      error: {
        type: 'RecordNotFoundError',
        message: 'TodoItem with id 999 not found',
        context: {
          model: 'TodoItem',
          table: 'todo_items',
          operation: 'require',
          key: 999,
          command: 'complete',
        },
      },
    });
    const text = (result.content as Array<{ text: string }>)[0].text;
    expect(JSON.parse(text)).toEqual(result.structuredContent);
    expect(text).not.toMatch(/\n\s+at |\.js:\d+/);
  });

  it('refuses invalid arguments with a clear error and changes nothing', async () => {
    const badChoice = await call('list', { status: 'done' });
    expect(badChoice.isError).toBe(true);
    expect(badChoice.structuredContent).toMatchObject({
      error: {
        type: 'UsageError',
        message: "Invalid value 'done' for argument 'status': choose from pending, completed, all.",
        context: { command: 'list', argument: 'status' },
      },
    });
    const badType = await call('update', { id: 1, title: 42 });
    expect(badType.structuredContent).toMatchObject({
      error: {
        type: 'UsageError',
        message: "Invalid value 42 for argument 'title': expected a string.",
      },
    });
    const missing = await call('add', { description: 'no title' });
    expect(missing.structuredContent).toMatchObject({
      error: { type: 'UsageError', message: "Missing required argument 'title'." },
    });
    const unknown = await call('complete', { id: 1, force: true });
    expect(unknown.isError).toBe(true);
    expect((unknown.structuredContent as { error: { message: string } }).error.message).toMatch(
      /^Unknown argument 'force' for tool 'complete'\./,
    );
    // The todo is as it was: not updated, completed, or joined by a second one.
    expect(await todos()).toEqual([
      expect.objectContaining({ id: 1, title: 'Buy milk', status: 'pending' }),
    ]);
  });

  it('offers a trigger tool per manual job and the cron state as read-only tools', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    const rebuild = byName.get('cron_trigger_rebuild');
    expect(rebuild).toMatchObject({
      description: "Queue an event for job 'rebuild': Rebuild the search index (manual)",
      annotations: { title: 'cron trigger (job=rebuild)' },
    });
    expect(Object.keys(rebuild!.inputSchema.properties!)).toEqual([
      'payload',
      'idempotencyKey',
      'env',
      'region',
    ]);
    expect(byName.has('cron_trigger_wait')).toBe(true);
    // Scheduled jobs get no trigger tool of their own (cron_trigger still takes any job).
    expect(byName.has('cron_trigger_nightly')).toBe(false);
    expect(byName.get('cron_trigger')!.inputSchema.required).toEqual(['job']);
    for (const name of ['cron_status', 'cron_history', 'cron_jobs'])
      expect(byName.get(name)!.annotations).toMatchObject({ readOnlyHint: true });

    const queued = await call('cron_trigger_rebuild', { payload: '{"dry_run":true}' });
    expect(queued.isError).toBeFalsy();
    const { result } = queued.structuredContent as { result: { job: string; eventId: number } };
    expect(result).toEqual({ job: 'rebuild', eventId: expect.any(Number) });
    const status = await call('cron_status');
    expect(status.structuredContent).toMatchObject({ result: { pending: 1, runs: 0 } });
    // No worker runs here: the event waits, nothing is in the history yet.
    const history = await call('cron_history', { job: 'rebuild' });
    expect(history.structuredContent).toEqual({ result: [] });
  });

  it('keeps stdout for protocol messages only', () => {
    expect(transportErrors).toEqual([]);
    expect(stderr).not.toMatch(/"jsonrpc"/);
  });
});
