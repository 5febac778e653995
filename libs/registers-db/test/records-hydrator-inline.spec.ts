import 'reflect-metadata';
import fc from 'fast-check';
import { Field, Model } from '../src/decorators';
import { dialectFor } from '../src/dialects';
import type { DialectName } from '../src/query/query-dialect.interface';
import { getModelMetadata } from '../src/metadata/model-metadata.factory';
import { compileHydrator } from '../src/records/hydrator';

@Model({ table: 'inline_reads' })
class Reading {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() hits!: number;
  @Field({ type: 'bigint' }) views!: number;
  @Field({ type: 'double precision' }) ratio!: number;
  @Field({ type: 'decimal', precision: 10, scale: 2 }) price!: number;
  @Field() active!: boolean;
  @Field() label!: string;
  @Field({ type: 'json', nullable: true }) extra?: unknown;
}

/** Anything a driver could hand back for a column. */
const driverValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, 1, -0, 2, '0', '1', 't', 'true', 'f', true, false, null, undefined, 1n, 0n),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.string(),
);

/**
 * The generated hydrator reads numbers and booleans inline instead of calling the
 * dialect's conversion. It must give exactly what the conversion gives, for any value any
 * driver could return, on every dialect.
 */
describe('the hydrator’s inline reads', () => {
  const meta = getModelMetadata(Reading);
  for (const name of ['sqlite', 'postgres', 'mysql'] as DialectName[]) {
    it(`equal the ${name} dialect's conversion for any driver value`, () => {
      const dialect = dialectFor(name);
      const hydrate = compileHydrator(meta, Reading, dialect);
      const numericAndBoolean = meta.fields.filter((f) =>
        ['integer', 'bigint', 'double', 'decimal', 'boolean'].includes(f.type),
      );
      expect(numericAndBoolean.map((f) => f.property).sort()).toEqual(
        ['active', 'hits', 'id', 'price', 'ratio', 'views'].sort(),
      );
      fc.assert(
        fc.property(fc.array(driverValue, { minLength: 8, maxLength: 8 }), (values) => {
          const row: Record<string, unknown> = {};
          meta.fields.forEach((f, i) => (row[f.column] = f.type === 'json' ? null : values[i]));
          let expected: Record<string, unknown>;
          try {
            expected = {};
            for (const f of meta.fields)
              expected[f.property] =
                f.type === 'string' || f.type === 'text'
                  ? (row[f.column] ?? null)
                  : dialect.fromDriver(f, row[f.column]);
          } catch (error) {
            expect(() => hydrate(row)).toThrow((error as Error).message);
            return;
          }
          const record = hydrate(row) as unknown as Record<string, unknown>;
          for (const f of meta.fields)
            expect(record[f.property]).toStrictEqual(expected[f.property]);
        }),
        { numRuns: 2000 },
      );
    });
  }
});
