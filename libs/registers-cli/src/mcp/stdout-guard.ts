/** What the MCP transport writes protocol messages to. */
export interface ProtocolOutput {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

const GUARD = Symbol.for('registers-cli.mcp-stdout');

type GuardedStdout = NodeJS.WriteStream & { [GUARD]?: ProtocolOutput };

/**
 * While a console serves MCP, stdout carries protocol messages only: every other write to
 * `process.stdout` (Nest's logger, `console.log` in a command, a classic command's output)
 * goes to stderr instead. Returns the one writer of stdout, for the transport. Calling it
 * again returns the same writer.
 */
export function reserveStdoutForProtocol(): ProtocolOutput {
  const stdout = process.stdout as GuardedStdout;
  const existing = stdout[GUARD];
  if (existing) return existing;
  const write = stdout.write.bind(stdout) as (chunk: string) => boolean;
  const protocol: ProtocolOutput = {
    write: (chunk) => write(chunk),
    once: (event, listener) => stdout.once(event, listener),
  };
  stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    (process.stderr.write as (...args: unknown[]) => boolean)(
      chunk,
      ...rest,
    )) as typeof stdout.write;
  stdout[GUARD] = protocol;
  return protocol;
}

/**
 * `<name> mcp …` (not `mcp --help` or `--version`): the line serves MCP. Checked before the app
 * is built, so that start-up logs already stay off stdout.
 */
export function startsMcp(argv: readonly string[]): boolean {
  return argv[0] === 'mcp' && !argv.some((word) => ['--help', '-h', '--version'].includes(word));
}
