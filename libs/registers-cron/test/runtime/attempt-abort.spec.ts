import { AttemptAbort } from '../../src/runtime/attempt-abort';

describe('AttemptAbort', () => {
  it('a signal read before the abort is aborted with its reason', () => {
    const abort = new AttemptAbort();
    const signal = abort.signal;
    const seen: unknown[] = [];
    signal.addEventListener('abort', () => seen.push(signal.reason));
    const reason = new Error('lease lost');
    abort.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(seen).toEqual([reason]);
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe(reason);
  });

  it('a signal first read after the abort is already aborted, with the same reason', () => {
    const abort = new AttemptAbort();
    const reason = new Error('timeout');
    abort.abort(reason);
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe(reason);
  });

  it('the first abort wins', () => {
    const abort = new AttemptAbort();
    const first = new Error('first');
    abort.abort(first);
    abort.abort(new Error('second'));
    expect(abort.reason).toBe(first);
    expect(abort.signal.reason).toBe(first);
  });

  it('race settles like the work when nothing aborts', async () => {
    const abort = new AttemptAbort();
    await expect(abort.race(Promise.resolve('done'))).resolves.toBe('done');
    const failure = new Error('handler failed');
    await expect(new AttemptAbort().race(Promise.reject(failure))).rejects.toBe(failure);
    expect(abort.aborted).toBe(false);
  });

  it('race rejects with the reason as soon as the attempt is aborted, though the work never settles', async () => {
    const abort = new AttemptAbort();
    const raced = abort.race(new Promise<never>(() => undefined));
    const reason = new Error('shutdown');
    abort.abort(reason);
    await expect(raced).rejects.toBe(reason);
  });

  it('race on an attempt already aborted rejects at once', async () => {
    const abort = new AttemptAbort();
    const reason = new Error('aborted before the handler started');
    abort.abort(reason);
    await expect(abort.race(Promise.resolve('late'))).rejects.toBe(reason);
  });
});
