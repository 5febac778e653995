/**
 * Ends the process with `code` once everything already written to stdout and stderr has
 * been handed to the OS (a write's callback runs after the writes before it), so a piped
 * reader on any platform gets the whole output. Never resolves.
 */
export function exitAfterFlush(code: number): Promise<never> {
  return new Promise<never>(() => {
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
}
