import { Contestant, WorkloadKind } from '../contestant';
import { FreshDatabase } from '../databases';
import { BenchRow } from '../rows';
import { validatedRow } from './bench-user-input';
import { DRIZZLE_LABELS, openDrizzle } from './drizzle';
import { DrizzleOps } from './drizzle-ops';

const READS = 'a read validates nothing; the drizzle row runs the same query';

export const DRIZZLE_VALIDATED_LABELS: Record<WorkloadKind, string> = {
  require: DRIZZLE_LABELS.require,
  create: 'validateSync(row), then prepared insert()',
  bulkCreate: `validateSync every row, then drizzle's bulk inserts`,
  filter: DRIZZLE_LABELS.filter,
  upsert: "validateSync(row), then drizzle's prepared upsert",
};

/**
 * The Drizzle anchor's prepared queries, each written row first checked by class-validator's
 * `validateSync` on an instance of a class with the registers model's rules: what a Drizzle
 * app that validates its input pays, next to registers' validated writes. Reads are the
 * drizzle contestant's and are not run again.
 */
export class DrizzleValidatedAnchor implements Contestant {
  readonly name = 'drizzle+validation';
  readonly labels = DRIZZLE_VALIDATED_LABELS;
  readonly notApplicable = { require: READS, filter: READS };
  private constructor(private readonly ops: DrizzleOps) {}

  static async connect(
    db: FreshDatabase,
    pragmas: Record<string, string | number>,
  ): Promise<DrizzleValidatedAnchor> {
    return new DrizzleValidatedAnchor(await openDrizzle(db, pragmas));
  }

  requireEach(ids: number[]): Promise<number> {
    return this.ops.requireEach(ids);
  }

  createEach(rows: BenchRow[]): Promise<void> {
    return this.ops.createEach(rows, validatedRow);
  }

  bulkCreate(rows: BenchRow[]): Promise<void> {
    return this.ops.bulkCreate(rows.map((r) => validatedRow(r)));
  }

  filterByMinAge(minAge: number): Promise<unknown[]> {
    return this.ops.filterByMinAge(minAge);
  }

  upsertEach(rows: BenchRow[]): Promise<void> {
    return this.ops.upsertEach(rows, validatedRow);
  }

  close(): Promise<void> {
    return this.ops.close();
  }
}
