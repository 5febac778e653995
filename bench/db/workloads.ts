import { Contender, Target, Workload } from '../lib/workload';
import { BenchAdmin, Contestant, DbWorkloadKind, WorkloadKind } from './contestant';
import { BenchDialect, BenchSetup } from './databases';
import { makeRows, shuffledIds } from './rows';
import { clearTableSql, TABLE } from './schema';

/** A contestant, or the reason it cannot run here. */
export type Entrant =
  Contestant | { name: string; labels: Record<WorkloadKind, string>; skip: string };

export const SIZES = {
  require: 1000,
  create: 1000,
  bulkCreate: 10_000,
  filter: 10_000,
  upsert: 1000,
};

/** Registers no slower than the fastest of the two lean peers, on every workload. */
const PEERS: Target = { against: ['drizzle', 'kysely'], kind: 'at-most', value: 1.0 };
/** Registers within 15% of the raw driver. */
const NEAR_RAW: Target = { against: 'raw', kind: 'at-most', value: 1.15 };

/** Targets from the performance issues; workloads without one are measured for information. */
export function targetsFor(dialect: BenchDialect, kind: DbWorkloadKind): Target[] {
  if (kind === 'coldRequire') return [{ against: 'raw', kind: 'at-most', value: 3 }];
  if (dialect !== 'sqlite') return [NEAR_RAW, PEERS];
  const table: Record<WorkloadKind, Target[]> = {
    require: [
      { against: 'raw', kind: 'at-most', value: 3 },
      { against: 'typeorm', kind: 'faster-by', value: 10 },
    ],
    create: [NEAR_RAW, { against: 'typeorm', kind: 'faster-by', value: 3 }],
    bulkCreate: [
      { against: 'raw', kind: 'at-most', value: 3 },
      { against: 'typeorm', kind: 'faster-by', value: 2 },
    ],
    filter: [NEAR_RAW],
    upsert: [NEAR_RAW],
  };
  return [...table[kind], PEERS];
}

const TITLES: Record<WorkloadKind, string> = {
  require: `require(pk) ×${SIZES.require}`,
  create: `create ×${SIZES.create} (one at a time)`,
  bulkCreate: `bulkCreate ${SIZES.bulkCreate / 1000}k rows`,
  filter: `filter hydrating ${SIZES.filter / 1000}k rows`,
  upsert: `upsert ×${SIZES.upsert} on a unique key`,
};

function expect(what: string, actual: unknown, wanted: unknown): void {
  if (actual !== wanted)
    throw new Error(`${what}: expected ${String(wanted)}, got ${String(actual)}`);
}

export function buildWorkloads(
  { group, dialect }: BenchSetup,
  entrants: Entrant[],
  admin: BenchAdmin & Contestant,
  kinds: WorkloadKind[],
  rounds: number,
): Workload[] {
  const clear = () => admin.exec(clearTableSql(dialect));
  const seed = async (n: number, tag: string) => {
    await clear();
    await admin.bulkCreate(makeRows(n, tag));
    // The seed was written by the raw anchor's connection. Folding the WAL into the database
    // file means no contender reads the rows through another connection's WAL frames while
    // the writer reads them from its own cache.
    if (dialect === 'sqlite') await admin.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  };
  // PostgreSQL writes dead row versions and WAL that a later contender would otherwise pay
  // for (autovacuum, a checkpoint's full-page writes) at moments no one chooses: before
  // every timed call of a per-row write workload, untimed, the table is vacuumed and a
  // checkpoint flushes everything, so every contender starts from the same state.
  const settle = async () => {
    if (dialect !== 'postgres') return;
    await admin.exec(`VACUUM ${TABLE}`);
    await admin.exec('CHECKPOINT');
  };
  let batch = 0;

  const contenders = (
    kind: WorkloadKind,
    make: (c: Contestant) => Omit<Contender, 'name' | 'label'>,
  ): Contender[] =>
    entrants.map((e) => {
      const skipped = (skip: string) => ({
        name: e.name,
        label: e.labels[kind],
        skip,
        run: () => undefined,
      });
      if ('skip' in e) return skipped(e.skip);
      const notApplicable = e.notApplicable?.[kind];
      if (notApplicable) return skipped(`not applicable: ${notApplicable}`);
      return { name: e.name, label: e.labels[kind], ...make(e) };
    });

  const builders: Record<
    WorkloadKind,
    () => Omit<Workload, 'id' | 'area' | 'group' | 'title' | 'subject' | 'targets'>
  > = {
    require: () => {
      const ids = shuffledIds(SIZES.require);
      return {
        ops: SIZES.require,
        setup: () => seed(SIZES.require, 'seed'),
        contenders: contenders('require', (c) => ({
          run: () => c.requireEach(ids),
          verify: (found) => expect('records found', found, SIZES.require),
        })),
      };
    },
    create: () => ({
      ops: SIZES.create,
      contenders: contenders('create', (c) => {
        let rows = makeRows(0, '');
        return {
          before: async () => {
            await clear();
            await settle();
            rows = makeRows(SIZES.create, `create ${batch++}`);
          },
          run: () => c.createEach(rows),
          verify: async () => expect('rows in table', await admin.countRows(), SIZES.create),
        };
      }),
    }),
    bulkCreate: () => ({
      ops: SIZES.bulkCreate,
      contenders: contenders('bulkCreate', (c) => {
        let rows = makeRows(0, '');
        return {
          before: async () => {
            await clear();
            rows = makeRows(SIZES.bulkCreate, `bulk ${batch++}`);
          },
          run: () => c.bulkCreate(rows),
          verify: async () => expect('rows in table', await admin.countRows(), SIZES.bulkCreate),
        };
      }),
    }),
    filter: () => ({
      ops: SIZES.filter,
      setup: () => seed(SIZES.filter, 'seed'),
      contenders: contenders('filter', (c) => ({
        run: () => c.filterByMinAge(18),
        verify: (rows) => {
          expect('rows returned', (rows as unknown[]).length, SIZES.filter);
          expect(
            'email of a returned row',
            typeof (rows as Array<{ email?: unknown }>)[0].email,
            'string',
          );
        },
      })),
    }),
    upsert: () => ({
      ops: SIZES.upsert,
      setup: () => seed(SIZES.upsert, 'seed'),
      contenders: contenders('upsert', (c) => {
        let rows = makeRows(0, '');
        return {
          before: async () => {
            await settle();
            rows = makeRows(SIZES.upsert, `upsert ${batch++}`);
          },
          run: () => c.upsertEach(rows),
          verify: async () => {
            expect('rows in table', await admin.countRows(), SIZES.upsert);
            expect('rows updated to the last name', await admin.countRows(rows[7].name), 1);
          },
        };
      }),
    }),
  };

  // One commit per row on a server waits for a disk flush each time, and flush latency
  // varies widely from call to call (here 100–250 µs for the same statement): more rounds
  // there, so the median is the contender's and not the disk's.
  const perRowCommits = (kind: WorkloadKind) =>
    dialect !== 'sqlite' && (kind === 'create' || kind === 'upsert');
  // A timed call of these lasts milliseconds, where a scheduler hiccup is a large share:
  // three times the rounds steady the median for a second or two more. A filter of 10,000
  // rows takes 8–20 ms on a server too (7 rounds there gave MariaDB 1.4–2.1× raw, same code).
  const shortCalls = (kind: WorkloadKind) =>
    kind === 'require' || kind === 'filter' || (dialect === 'sqlite' && kind !== 'bulkCreate');
  const roundsOf = (kind: WorkloadKind) =>
    perRowCommits(kind) ? rounds + 4 : shortCalls(kind) ? rounds * 3 : undefined;
  return kinds.map((kind) => ({
    ...(roundsOf(kind) ? { rounds: roundsOf(kind) } : {}),
    id: `${group}.${kind}`,
    area: 'db',
    group,
    title: TITLES[kind],
    subject: 'registers',
    targets: targetsFor(dialect, kind),
    ...builders[kind](),
  }));
}
