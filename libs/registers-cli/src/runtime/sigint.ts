import { EXIT_INTERRUPTED } from './exit-codes';

/**
 * While `work` runs, Ctrl-C (SIGINT) ends the process with exit code 130, and a closed
 * stdout (`todo list | head -1`) ends it quietly instead of crashing on EPIPE.
 */
export async function withSigintExit<T>(work: () => Promise<T>): Promise<T> {
  const onSigint = () => {
    process.stderr.write('\nInterrupted.\n');
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSigint);
  ignoreClosedStdout();
  try {
    return await work();
  } finally {
    process.off('SIGINT', onSigint);
  }
}

let stdoutGuarded = false;

/** Installed once and kept: EPIPE can arrive after the last write returned. */
function ignoreClosedStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
