import { DatabaseBusyError } from '@registers/db';

/** How many times a statement that lost a deadlock or a lock wait is tried in all. */
const ATTEMPTS = 6;

/**
 * Runs `work` again when the database aborted it for a transient reason (a deadlock, a lock
 * wait timeout, a busy SQLite file). The database rolled the statement (and its autocommit
 * transaction) back, so running it again is safe; every write of a claim is also fenced by
 * its token. Busy InnoDB tables produce such deadlocks between claims and completions as a
 * matter of course; without this a worker would leave its event to the lease reaper.
 */
export async function retryTransient<T>(
  isTransient: (error: unknown) => boolean,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      // A transaction that could not begin on a busy database arrives as DatabaseBusyError.
      const transient = error instanceof DatabaseBusyError || isTransient(error);
      if (attempt >= ATTEMPTS || !transient) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 5 + Math.random() * 20));
    }
  }
}
