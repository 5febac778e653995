import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const API_MAIN = resolve(__dirname, '../../../../dist/apps/sample-api/main.js');

export function assertApiBuilt(): void {
  if (!existsSync(API_MAIN)) {
    throw new Error(
      `${API_MAIN} is missing: build it with \`npx nest build sample-api\` (npm test does).`,
    );
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  output: () => string;
  /** How the process ended: Nest re-raises SIGTERM after its shutdown hooks ran. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/apps/sample-api/main.js` and waits until it answers /health. */
export async function startBuiltServer(options: {
  cwd: string;
  databaseUrl?: string;
  /** Extra environment (DEPLOY_TOKEN, …). */
  env?: NodeJS.ProcessEnv;
}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    PORT: String(port),
    NO_COLOR: '1',
  };
  delete env.REGISTERS_DATABASE_URL;
  if (options.databaseUrl) env.REGISTERS_DATABASE_URL = options.databaseUrl;
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /health within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
