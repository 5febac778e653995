import { DatabaseBusyError, DatabaseError } from '@registers/db';
import { retryTransient } from '../../src/store/retry-transient';

describe('retryTransient', () => {
  it('runs the work again after a DatabaseBusyError (a transaction that could not begin)', async () => {
    let calls = 0;
    const result = await retryTransient(
      () => false,
      async () => {
        calls++;
        if (calls === 1) throw new DatabaseBusyError('busy', { operation: 'begin' });
        return 'done';
      },
    );
    expect(result).toBe('done');
    expect(calls).toBe(2);
  });

  it('gives up at once on any other DatabaseError the dialect does not call transient', async () => {
    let calls = 0;
    const error = new DatabaseError('failed', { operation: 'commit' });
    await expect(
      retryTransient(
        () => false,
        async () => {
          calls++;
          throw error;
        },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
  });
});
