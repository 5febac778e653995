import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { FIXTURES, REPO_ROOT, runFixture } from './support/cli-harness';

// Real processes: `node -r @swc-node/register test/fixtures/main-mcp.ts mcp`, served over stdio.
jest.setTimeout(60_000);

const MAIN = path.join(FIXTURES, 'main-mcp.ts');

interface RawRun {
  code: number | null;
  lines: string[];
  stderr: string;
}

/**
 * Sends JSON-RPC lines one by one, each after the answer to the previous request, then ends
 * stdin; returns every stdout line as it came.
 */
function rawSession(messages: object[], env: NodeJS.ProcessEnv = {}): Promise<RawRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN, 'mcp'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const queue = [...messages];
    const sendNext = () => {
      while (queue.length) {
        const message = queue.shift() as { id?: number };
        child.stdin.write(`${JSON.stringify(message)}\n`);
        if (message.id !== undefined) return;
      }
      child.stdin.end();
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const before = stdout.split('\n').length;
      stdout += chunk;
      for (let i = before; i < stdout.split('\n').length; i++) sendNext();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, lines: stdout.split('\n').filter((l) => l !== ''), stderr });
    });
    sendNext();
  });
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw-test', version: '1.0.0' },
  },
};
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };

describe('`todo mcp` serves the commands over stdio', () => {
  it('writes only protocol messages to stdout, whatever a command or Nest logs', async () => {
    const run = await rawSession([
      INITIALIZE,
      INITIALIZED,
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'noisy', arguments: {} },
      },
    ]);
    expect(run.code).toBe(0);
    const messages = run.lines.map((line) => JSON.parse(line));
    expect(messages.map((m) => [m.jsonrpc, m.id])).toEqual([
      ['2.0', 1],
      ['2.0', 2],
    ]);
    expect(messages[1].result).toEqual({
      content: [{ type: 'text', text: JSON.stringify({ ok: true }, null, 2) }],
      structuredContent: { result: { ok: true } },
    });
    // Everything else went to stderr: start-up logs and the command's three writes.
    expect(run.stderr).toContain('Starting Nest application...');
    for (const line of ['console.log line', 'process.stdout line', 'nest logger line'])
      expect(run.stderr).toContain(line);
  });

  it('still prints help on stdout for `mcp --help`, and refuses other words', () => {
    const help = runFixture('main.ts', ['mcp', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: todo');
    const extra = runFixture('main.ts', ['mcp', 'add']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("Error: Unexpected argument 'add'.");
  });

  it('does not start when two commands would be one tool, and says which', () => {
    const run = runFixture('main-mcp-clash.ts', ['mcp']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "Error: Commands 'report:daily' and 'report_daily' both become MCP tool 'report_daily'; exclude one with mcp.exclude.\n",
    });
  });

  describe('with the SDK client', () => {
    let client: Client;
    let transport: StdioClientTransport;
    const transportErrors: Error[] = [];

    beforeAll(async () => {
      transport = new StdioClientTransport({
        command: process.execPath,
        args: ['-r', '@swc-node/register', MAIN, 'mcp', '--env', 'staging'],
        cwd: REPO_ROOT,
        env: { ...(process.env as Record<string, string>), FIXTURE_MCP_EXPOSE: 'remove' },
        stderr: 'pipe',
      });
      transport.onerror = (error) => transportErrors.push(error);
      client = new Client({ name: 'cli-mcp-test', version: '1.0.0' });
      await client.connect(transport);
    });
    afterAll(async () => {
      await client.close();
      expect(transportErrors).toEqual([]);
    });

    it('lists an opted-in @Confirm command as destructive, and no other one', async () => {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['add', 'remove', 'deploy_service', 'noisy']));
      for (const hidden of ['deploy_rollback', 'tools_secret', 'help', 'mcp', 'hello'])
        expect(names).not.toContain(hidden);
      expect(tools.find((t) => t.name === 'remove')?.annotations).toEqual({
        title: 'remove',
        destructiveHint: true,
      });
    });

    it('runs an opted-in @Confirm command without asking', async () => {
      const added = await client.callTool({ name: 'add', arguments: { title: 'Milk' } });
      expect(added.structuredContent).toEqual({ result: 'Added: Milk (ID: 1)' });
      const removed = await client.callTool({ name: 'remove', arguments: { id: 1 } });
      expect(removed.isError).toBeFalsy();
      expect(removed.structuredContent).toEqual({ result: 'Removed todo ID 1 (force=true).' });
      const list = await client.callTool({ name: 'list', arguments: {} });
      expect(list.structuredContent).toEqual({ result: 'No todo items found.' });
    });

    it('starts every call from the options given with `mcp`, a call may override them', async () => {
      const fromStart = await client.callTool({ name: 'whoami', arguments: {} });
      expect(fromStart.structuredContent).toMatchObject({
        result: { env: 'staging', region: 'us-east-1', force: false },
      });
      const own = await client.callTool({ name: 'whoami', arguments: { env: 'dev' } });
      expect(own.structuredContent).toMatchObject({ result: { env: 'dev' } });
    });

    it('answers an unknown tool with a tool error', async () => {
      const result = await client.callTool({ name: 'nope', arguments: {} });
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toEqual({
        error: {
          type: 'UnknownCommandError',
          message: "Unknown tool 'nope'. List the tools with tools/list.",
          context: { tool: 'nope' },
        },
      });
    });
  });
});
