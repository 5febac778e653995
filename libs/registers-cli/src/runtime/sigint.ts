import { EXIT_INTERRUPTED } from '../constants';

/** While `work` runs, Ctrl-C (SIGINT) ends the process with exit code 130. */
export async function withSigintExit<T>(work: () => Promise<T>): Promise<T> {
  const onSigint = () => {
    process.stderr.write('\nInterrupted.\n');
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSigint);
  try {
    return await work();
  } finally {
    process.off('SIGINT', onSigint);
  }
}
