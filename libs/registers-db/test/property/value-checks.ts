/**
 * One value through one write path, checked against the oracle: a refused value must raise a
 * ValidationError naming the field and leave the table as it was; an accepted one must read
 * back exactly, through a registry that did not write it (nothing cached).
 */
import { isDeepStrictEqual } from 'node:util';
import { DatabaseRegistry } from '../../src/registry';
import { ValidationError } from '../../src/errors';
import { baseline, Sample } from './value-model';
import { show, type FieldCase } from './value-generators';
import type { Verdict } from './value-rules';

export type Operation = 'create' | 'upsert' | 'bulkCreate' | 'filter' | 'updateWhere';
export const OPERATIONS: Operation[] = ['create', 'upsert', 'bulkCreate', 'filter', 'updateWhere'];

export interface Violation {
  operation: string;
  field: string;
  value: string;
  rule: string;
  problem: string;
}

let slugs = 0;
const nextSlug = () => `s${process.pid}-${++slugs}`;

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };
/** Whether two reads of one column are the same stored value (of whatever JS type the driver gave). */
const unchanged = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : isDeepStrictEqual(a, b);

const attempt = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    (result) => ({ ok: true as const, result }),
    (error) => ({ ok: false as const, error }),
  );

function describeError(error: unknown): string {
  if (error instanceof ValidationError) {
    return `ValidationError on [${error.issues.map((i) => i.field).join(', ')}]`;
  }
  const e = error as Error;
  const name = e?.constructor?.name ?? typeof error;
  return `${name}: ${String(e?.message ?? error).slice(0, 160)}`;
}

export class ValueChecker {
  /** A registry opened for each check on the same database, which never writes: it reads what is stored. */
  private reader!: DatabaseRegistry;

  constructor(
    private readonly writer: DatabaseRegistry,
    private readonly url: string,
  ) {}

  private get samples() {
    return this.writer.manager(Sample);
  }

  private row(field: string, value: unknown, slug = nextSlug()): Partial<Sample> {
    return { ...baseline(), slug, [field]: value } as Partial<Sample>;
  }

  /** Runs `operation` with `value` in `c.field`; the violations found (none when the rules hold). */
  async check(operation: Operation, c: FieldCase, value: unknown): Promise<Violation[]> {
    const verdict = c.verdict(value);
    const found: Violation[] = [];
    const report = (problem: string) =>
      found.push({
        operation,
        field: c.field,
        value: show(value),
        rule: verdict.rule ?? 'round-trip',
        problem,
      });
    this.reader = new DatabaseRegistry({ url: this.url, autoCreate: false }).register(Sample);
    try {
      await this[operation](c, value, verdict, report);
    } catch (error) {
      // A read that throws (a stored value the library cannot read back) is a finding too.
      report(`the write or the read-back threw ${describeError(error)}`);
    } finally {
      await this.reader.dispose();
    }
    return found;
  }

  /** The refused/accepted outcome of one write against the verdict; true when it was accepted. */
  private judgeWrite(
    c: FieldCase,
    verdict: Verdict,
    outcome: Outcome,
    report: (p: string) => void,
    path = '',
  ): boolean {
    const prefix = path ? `${path}: ` : '';
    if (outcome.ok) {
      if (verdict.outcome === 'reject')
        report(`${prefix}accepted; expected a ValidationError naming the field`);
      return true;
    }
    const error = outcome.error;
    const named = error instanceof ValidationError && error.issues.some((i) => i.field === c.field);
    if (verdict.outcome === 'accept')
      report(`${prefix}refused a valid value: ${describeError(error)}`);
    else if (!named)
      report(`${prefix}expected a ValidationError naming ${c.field}, got ${describeError(error)}`);
    return false;
  }

  private compare(
    c: FieldCase,
    verdict: Verdict,
    read: unknown,
    where: string,
    report: (p: string) => void,
  ) {
    if (verdict.outcome === 'reject') {
      report(`${where} stored it; it reads back as ${show(read)} (${typeof read})`);
      return;
    }
    if (!c.same(read, verdict.expected)) {
      report(
        `${where} read back ${show(read)} (${typeof read}); expected ${show(verdict.expected)}`,
      );
    }
  }

  private async readBySlug(
    slug: string,
    field: string,
  ): Promise<{ found: boolean; value: unknown }> {
    const rec = await this.reader.manager(Sample).get({ slug });
    return { found: rec !== null, value: rec ? (rec as any)[field] : undefined };
  }

  private count(): Promise<number> {
    return this.reader.manager(Sample).count();
  }

  private async create(
    c: FieldCase,
    value: unknown,
    verdict: Verdict,
    report: (p: string) => void,
  ) {
    const before = await this.count();
    const data = this.row(c.field, value);
    const outcome = await attempt(this.samples.create(data));
    const accepted = this.judgeWrite(c, verdict, outcome, report);
    const after = await this.count();
    if (!accepted && after !== before)
      report(`refused, but the row count went ${before} → ${after}`);
    if (accepted) {
      const read = await this.readBySlug(data.slug!, c.field);
      if (!read.found) report('accepted, but no row was written');
      else this.compare(c, verdict, read.value, 'create', report);
    }
  }

  private async upsert(
    c: FieldCase,
    value: unknown,
    verdict: Verdict,
    report: (p: string) => void,
  ) {
    // The update path: an existing row keyed by its unique slug.
    const existing = await this.samples.create(this.row('slug', nextSlug()));
    const before = await this.readBySlug(existing.slug, c.field);
    const count = await this.count();
    const updated = await attempt(this.samples.upsert(this.row(c.field, value, existing.slug)));
    const accepted = this.judgeWrite(c, verdict, updated, report, 'update path');
    const after = await this.readBySlug(existing.slug, c.field);
    if (!accepted && !unchanged(after.value, before.value)) {
      report(`refused, but the existing row changed: ${show(before.value)} → ${show(after.value)}`);
    }
    if (accepted) this.compare(c, verdict, after.value, 'upsert (update)', report);
    if ((await this.count()) !== count) report('upsert of an existing slug changed the row count');
    // The insert path: a slug no row has.
    const fresh = this.row(c.field, value);
    const inserted = await attempt(this.samples.upsert(fresh));
    if (this.judgeWrite(c, verdict, inserted, report, 'insert path')) {
      const read = await this.readBySlug(fresh.slug!, c.field);
      if (!read.found) report('upsert (insert) accepted, but no row was written');
      else this.compare(c, verdict, read.value, 'upsert (insert)', report);
    } else if ((await this.readBySlug(fresh.slug!, c.field)).found) {
      report('upsert (insert) refused, but the row was written');
    }
  }

  private async bulkCreate(
    c: FieldCase,
    value: unknown,
    verdict: Verdict,
    report: (p: string) => void,
  ) {
    const before = await this.count();
    const rows = [
      this.row('slug', nextSlug()),
      this.row(c.field, value),
      this.row('slug', nextSlug()),
    ];
    const outcome = await attempt(this.samples.bulkCreate(rows));
    const accepted = this.judgeWrite(c, verdict, outcome, report);
    const after = await this.count();
    if (!accepted && after !== before)
      report(`refused, but the row count went ${before} → ${after}`);
    if (accepted) {
      if (after !== before + 3)
        report(`accepted 3 rows, but the row count went ${before} → ${after}`);
      const read = await this.readBySlug(rows[1].slug!, c.field);
      if (!read.found) report('accepted, but the row was not written');
      else this.compare(c, verdict, read.value, 'bulkCreate', report);
    }
  }

  private async filter(
    c: FieldCase,
    value: unknown,
    verdict: Verdict,
    report: (p: string) => void,
  ) {
    const data = this.row(c.field, value);
    const created = await attempt(this.samples.create(data));
    // The create check judges what create refuses or wrongly accepts; this one judges filtering.
    if (!created.ok || verdict.outcome === 'reject') return;
    const id = (created.result as Sample).id;
    for (const op of c.filterOps) {
      const key = op === 'eq' ? c.field : `${c.field}__${op}`;
      const outcome = await attempt(
        this.reader.manager(Sample).filter({ id, [key]: value } as any),
      );
      if (!outcome.ok) {
        report(`filter ${key} with the written value failed: ${describeError(outcome.error)}`);
        continue;
      }
      const rows = outcome.result as Sample[];
      if (rows.length !== 1)
        report(`filter ${key} with the written value found ${rows.length} rows, not 1`);
      else this.compare(c, verdict, (rows[0] as any)[c.field], `filter ${key}`, report);
    }
  }

  private async updateWhere(
    c: FieldCase,
    value: unknown,
    verdict: Verdict,
    report: (p: string) => void,
  ) {
    const existing = await this.samples.create(this.row('slug', nextSlug()));
    const before = await this.readBySlug(existing.slug, c.field);
    const count = await this.count();
    const outcome = await attempt(
      this.samples.updateWhere({ id: existing.id } as any, { [c.field]: value } as Partial<Sample>),
    );
    const accepted = this.judgeWrite(c, verdict, outcome, report);
    const after = await this.readBySlug(existing.slug, c.field);
    if (!accepted && !unchanged(after.value, before.value)) {
      report(`refused, but the row changed: ${show(before.value)} → ${show(after.value)}`);
    }
    if (accepted) this.compare(c, verdict, after.value, 'updateWhere', report);
    if ((await this.count()) !== count) report('updateWhere changed the row count');
  }
}

export const formatViolation = (v: Violation) =>
  `${v.operation} ${v.field}=${v.value} [rule: ${v.rule}]: ${v.problem}`;
