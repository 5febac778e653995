import { Socket } from 'node:net';
import { DEFAULT_URLS, DialectName, selectedDialects } from './dialects';

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol.startsWith('postgres') ? 5432 : 3306));
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, u.hostname);
  });
}

/** Probes each selected server once; under CI=true an unreachable one fails the whole run. */
export default async function globalSetup(): Promise<void> {
  const ok: DialectName[] = [];
  const missing: string[] = [];
  for (const dialect of selectedDialects()) {
    if (dialect === 'sqlite') {
      ok.push(dialect);
      continue;
    }
    const url = DEFAULT_URLS[dialect];
    if (await reachable(url)) ok.push(dialect);
    else missing.push(`${dialect} (${new URL(url).host})`);
  }
  if (missing.length > 0) {
    const message = `database server unreachable: ${missing.join(', ')}`;
    if (process.env.CI === 'true') {
      throw new Error(`${message}. CI requires every dialect; start it with \`npm run services\`.`);
    }
    console.warn(
      `\n[registers] ${message}: those suites are SKIPPED (run \`npm run services\`).\n`,
    );
  }
  process.env.REGISTERS_TEST_REACHABLE = ok.join(',');
}
