import { evaluateTarget, runWorkload } from './runner';
import { median } from './timing';
import { Contender, ContenderResult, Workload } from './workload';

function workload(contenders: Contender[], overrides: Partial<Workload> = {}): Workload {
  return {
    id: 'test.work',
    area: 'test',
    group: 'test',
    title: 'work',
    ops: 10,
    subject: 'subject',
    contenders,
    targets: [],
    ...overrides,
  };
}

function result(name: string, medianMs: number | null): ContenderResult {
  return { name, label: name, medianMs, minMs: null, maxMs: null, perOpUs: null, samplesMs: [] };
}

describe('the bench runner', () => {
  it('runs every contender once per round, in an order rotated by one each round', async () => {
    const calls: string[] = [];
    const contender = (name: string): Contender => ({
      name,
      label: name,
      run: () => calls.push(name),
    });
    const run = await runWorkload(workload([contender('a'), contender('b'), contender('c')]), {
      rounds: 3,
      warmup: 1,
    });
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(run.contenders.map((c) => c.samplesMs.length)).toEqual([3, 3, 3]);
  });

  it('reports a contender whose first result fails its check as an error, and times it no more', async () => {
    let lazyRuns = 0;
    const run = await runWorkload(
      workload([
        {
          name: 'subject',
          label: 'does the work',
          run: () => 10,
          verify: (n) => expect(n).toBe(10),
        },
        {
          name: 'lazy',
          label: 'does less',
          run: () => ++lazyRuns && 9,
          verify: (n) => {
            if (n !== 10) throw new Error(`rows: expected 10, got ${String(n)}`);
          },
        },
      ]),
      { rounds: 5, warmup: 1 },
    );
    const lazy = run.contenders.find((c) => c.name === 'lazy')!;
    expect(lazy.error).toBe('Error: rows: expected 10, got 9');
    expect(lazy.medianMs).toBeNull();
    expect(lazyRuns).toBe(1);
    expect(run.contenders.find((c) => c.name === 'subject')!.samplesMs).toHaveLength(5);
  });

  it('reports a skipped contender without running it', async () => {
    const run = await runWorkload(
      workload([
        { name: 'subject', label: 's', run: () => undefined },
        {
          name: 'down',
          label: 'd',
          skip: 'server unreachable',
          run: () => {
            throw new Error('a skipped contender ran');
          },
        },
      ]),
      { rounds: 2, warmup: 0 },
    );
    expect(run.contenders[1]).toMatchObject({ skipped: 'server unreachable', medianMs: null });
  });

  it('gives a workload its own number of rounds when it sets one', async () => {
    const run = await runWorkload(
      workload([{ name: 'subject', label: 's', run: () => undefined }], { rounds: 4 }),
      { rounds: 7, warmup: 0 },
    );
    expect(run.rounds).toBe(4);
    expect(run.contenders[0].samplesMs).toHaveLength(4);
  });
});

describe('target evaluation', () => {
  const medians = [result('subject', 30), result('raw', 10), result('typeorm', 90)];

  it('holds a floor target to subject ÷ anchor, passing at the limit and failing above it', () => {
    expect(
      evaluateTarget({ against: 'raw', kind: 'at-most', value: 3 }, 'subject', medians),
    ).toMatchObject({ ratio: 3, pass: true });
    expect(
      evaluateTarget({ against: 'raw', kind: 'at-most', value: 2.9 }, 'subject', medians).pass,
    ).toBe(false);
  });

  it('holds a speed-up target to anchor ÷ subject', () => {
    expect(
      evaluateTarget({ against: 'typeorm', kind: 'faster-by', value: 3 }, 'subject', medians),
    ).toMatchObject({ speedup: 3, pass: true });
    expect(
      evaluateTarget({ against: 'typeorm', kind: 'faster-by', value: 3.1 }, 'subject', medians)
        .pass,
    ).toBe(false);
  });

  it('has no verdict when a side has no median', () => {
    const missing = [result('subject', 30), result('raw', null)];
    expect(
      evaluateTarget({ against: 'raw', kind: 'at-most', value: 3 }, 'subject', missing).pass,
    ).toBeNull();
  });

  it('holds a list of anchors to the fastest of them in this run, and names it', () => {
    const peers = [result('subject', 30), result('drizzle', 40), result('kysely', 25)];
    expect(
      evaluateTarget(
        { against: ['drizzle', 'kysely'], kind: 'at-most', value: 1 },
        'subject',
        peers,
      ),
    ).toMatchObject({ anchor: 'kysely', ratio: 1.2, pass: false });
    expect(
      evaluateTarget(
        { against: ['drizzle', 'missing'], kind: 'at-most', value: 1 },
        'subject',
        peers,
      ),
    ).toMatchObject({ anchor: 'drizzle', ratio: 0.75, pass: true });
  });

  it('holds a rate target to ops per second and a latency target to the median in ms', () => {
    const timed = [result('subject', 500)];
    expect(
      evaluateTarget({ against: [], kind: 'rate-at-least', value: 2000 }, 'subject', timed, 1000),
    ).toMatchObject({ ratio: 2000, pass: true });
    expect(
      evaluateTarget({ against: [], kind: 'rate-at-least', value: 2001 }, 'subject', timed, 1000)
        .pass,
    ).toBe(false);
    expect(
      evaluateTarget({ against: [], kind: 'under-ms', value: 500 }, 'subject', timed).pass,
    ).toBe(false);
    expect(
      evaluateTarget({ against: [], kind: 'under-ms', value: 501 }, 'subject', timed).pass,
    ).toBe(true);
  });

  it('takes the number run() resolves to as the sample when the contender measures itself', async () => {
    let p99 = 10;
    const run = await runWorkload(
      workload([{ name: 'subject', label: 'p99', sample: 'returned-ms', run: async () => p99++ }]),
      { rounds: 3, warmup: 1 },
    );
    expect(run.contenders[0].samplesMs).toEqual([11, 12, 13]);
    expect(run.contenders[0].medianMs).toBe(12);
  });

  it('takes the median of an even number of samples as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });
});
