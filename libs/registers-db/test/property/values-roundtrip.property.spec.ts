/**
 * Value fidelity at the database boundary, as properties over random and hostile values of
 * every field type, on every dialect: each write path (create, upsert, bulkCreate,
 * updateWhere) and filtering on a written value either refuses the value with a
 * ValidationError naming the field (writing nothing) or stores it so that a registry that did
 * not write it reads it back exactly. The rules are in value-rules.ts.
 *
 * Seeded: REGISTERS_PROPERTY_SEED=<int> replays a run (the seed is in every title and in
 * fast-check's failure report). Bounded: each property stops after
 * REGISTERS_PROPERTY_TIME_MS (default 450 ms) or REGISTERS_PROPERTY_RUNS cases (default 200);
 * the number of cases each property ran is printed per dialect after the suite.
 */
import fc from 'fast-check';
import { describeEachDialect } from '../../../../test/support/dialects';
import { DatabaseRegistry } from '../../src/registry';
import { Sample, baseline } from './value-model';
import { FIELD_CASES } from './value-generators';
import { formatViolation, OPERATIONS, ValueChecker, type Violation } from './value-checks';

function envInt(name: string, fallback: () => number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback();
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return n;
}

const SEED = envInt('REGISTERS_PROPERTY_SEED', () => Math.floor(Math.random() * 2 ** 31));
const TIME_MS = envInt('REGISTERS_PROPERTY_TIME_MS', () => 450);
const MAX_RUNS = envInt('REGISTERS_PROPERTY_RUNS', () => 200);
/** The documented capacity of a text field on every dialect (UTF-8 bytes). */
const SIXTEEN_MB = 16_000_000;

jest.setTimeout(120_000);

describeEachDialect(`value fidelity (seed ${SEED})`, (target) => {
  let writer: DatabaseRegistry;
  let checker: ValueChecker;
  const runs = new Map<string, number>();
  let hostileChecks = 0;

  beforeAll(async () => {
    writer = new DatabaseRegistry({ url: target().url }).register(Sample);
    await writer.manager(Sample).createSchema();
    checker = new ValueChecker(writer, target().url);
  });

  afterAll(async () => {
    const byOperation = OPERATIONS.map((op) => {
      const n = FIELD_CASES.reduce((sum, c) => sum + (runs.get(`${op} ${c.field}`) ?? 0), 0);
      return `${op} ${n}`;
    });
    const total = [...runs.values()].reduce((a, b) => a + b, 0);
    const perProperty = [...runs.entries()].map(([k, n]) => `${k}=${n}`).join(', ');
    console.log(
      `value properties [${target().dialect}] seed=${SEED}: ${total} random cases (${byOperation.join(', ')}), ` +
        `${hostileChecks} hostile-value checks; ` +
        `per property: ${perProperty}`,
    );
    await writer.dispose();
  });

  for (const operation of OPERATIONS) {
    describe(`${operation} (seed ${SEED})`, () => {
      for (const c of FIELD_CASES) {
        if (operation === 'filter' && c.filterOps.length === 0) continue;
        it(`${c.field}: refused with a ValidationError or read back exactly`, async () => {
          const key = `${operation} ${c.field}`;
          runs.set(key, 0);
          // fast-check stops waiting for a case when the time limit strikes, but the case goes
          // on writing; the next test starts only once it has finished, so row counts stay exact.
          let inFlight: Promise<unknown> = Promise.resolve();
          const property = fc.asyncProperty(c.values, (value) => {
            runs.set(key, runs.get(key)! + 1);
            const run = checker.check(operation, c, value).then((violations) => {
              if (violations.length > 0)
                throw new Error(violations.map(formatViolation).join('\n'));
            });
            inFlight = run.catch(() => undefined);
            return run;
          });
          try {
            await fc.assert(property, {
              seed: SEED,
              numRuns: MAX_RUNS,
              interruptAfterTimeLimit: TIME_MS,
              markInterruptAsFailure: false,
            });
          } finally {
            await inFlight;
          }
        });
      }
    });
  }

  describe('hostile values (every run, whatever the seed)', () => {
    for (const c of FIELD_CASES) {
      it(`${c.field}: each hostile value through every operation`, async () => {
        const violations: Violation[] = [];
        for (const value of c.hostile) {
          for (const operation of OPERATIONS) {
            if (operation === 'filter' && c.filterOps.length === 0) continue;
            hostileChecks++;
            violations.push(...(await checker.check(operation, c, value)));
          }
        }
        expect(violations.map(formatViolation)).toEqual([]);
      });
    }

    it('text holds 16 MB and refuses one byte more', async () => {
      const over = await writer
        .manager(Sample)
        .create({ ...baseline(), slug: `over-${SEED}`, body: 'é'.repeat(SIXTEEN_MB / 2) + 'x' })
        .then(
          () => 'stored',
          (e: Error) => e.constructor.name,
        );
      expect(over).toBe('ValidationError');
      const body = 'x'.repeat(SIXTEEN_MB);
      const slug = `sixteen-${SEED}`;
      const outcome = await writer
        .manager(Sample)
        .create({ ...baseline(), slug, body })
        .then(
          () => 'stored',
          (e: Error) => `${e.constructor.name}: ${e.message.slice(0, 200)}`,
        );
      expect(outcome).toBe('stored');
      const reader = new DatabaseRegistry({ url: target().url, autoCreate: false }).register(
        Sample,
      );
      try {
        const read = await reader.manager(Sample).get({ slug });
        expect(read?.body.length).toBe(SIXTEEN_MB);
        expect(read?.body === body).toBe(true);
      } finally {
        await reader.dispose();
      }
    });
  });
});
