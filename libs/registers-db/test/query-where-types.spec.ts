/**
 * Type-level checks of `Where<T>`, `OrderBy<T>`, `Q` and `Agg`. The lines marked
 * `@ts-expect-error` must fail to compile; the test below compiles this file with the
 * project's tsconfig and fails on any diagnostic (an unused `@ts-expect-error` is one).
 */
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { Agg, Q, type Filter, type OrderBy, type QueryOptions, type Where } from '../src/query';

interface Person {
  id?: number;
  name: string;
  age: number;
  createdAt: Date;
  teamId?: number | null;
  role: 'admin' | 'user';
  save(): Promise<void>;
}

// Never called: these only have to type-check (or fail to, where marked).
export function typeChecks(): unknown[] {
  const ok: Array<Where<Person>> = [
    { name: 'Ada' },
    { name: null },
    { name__not: null },
    { age__gte: 18, age__lt: 65 },
    { age__between: [18, 65] },
    { age__in: [1, 2, 3] },
    { teamId__not_in: [] },
    { teamId__is_null: true },
    { name__like: 'A%', name__ilike: 'a%' },
    { name__contains: '50%', name__startswith: 'A', name__endswith: 'z' },
    { createdAt__gte: new Date(), createdAt__lt: '2024-01-01' },
    { role: 'admin', role__in: ['admin', 'user'] },
    { id: 1, id__eq: 2 },
  ];
  const bad: Array<Where<Person>> = [
    // @ts-expect-error unknown field
    { nmae: 'Ada' },
    // @ts-expect-error unknown operator
    { age__approx: 3 },
    // @ts-expect-error unknown field with a valid operator
    { email__in: ['a'] },
    // @ts-expect-error methods are not fields
    { save: null },
    // @ts-expect-error a string for a number field
    { age: '18' },
    // @ts-expect-error in takes an array
    { age__in: 1 },
    // @ts-expect-error between takes two bounds
    { age__between: [1, 2, 3] },
    // @ts-expect-error is_null takes a boolean
    { teamId__is_null: 'yes' },
    // @ts-expect-error like takes a string
    { name__like: 5 },
    // @ts-expect-error gt does not take null
    { age__gt: null },
    // @ts-expect-error a value outside the literal union
    { role: 'root' },
  ];
  const orders: Array<OrderBy<Person>> = ['name', '-createdAt', ['role', '-name']];
  const badOrders: Array<OrderBy<Person>> = [
    // @ts-expect-error unknown order field
    'nmae',
    // @ts-expect-error unknown descending field
    ['-nope'],
  ];
  const options: QueryOptions<Person> = {
    orderBy: ['-age'],
    limit: 10,
    offset: 0,
    includeDeleted: false,
  };
  // @ts-expect-error unknown orderBy field in options
  const badOptions: QueryOptions<Person> = { orderBy: 'nope' };
  const nodes = [
    Q<Person>({ age__gte: 18 }).or({ role: 'admin' }).not(),
    Q.or<Person>({ name: 'a' }, Q<Person>({ name: 'b' })),
    // @ts-expect-error Q checks its where too
    Q<Person>({ agee: 1 }),
    // @ts-expect-error and() checks added filters
    Q<Person>({ age: 1 }).and({ nope: 1 }),
  ];
  const filter = (where: Filter<Person>) => where;
  const inferred = [
    filter(Q({ name: 'a' }).or({ age__gt: 3 })),
    filter(Q.or({ name: 'a' }, { role: 'user' })),
    // @ts-expect-error Q infers the model from where the node is used
    filter(Q({ nmae: 'a' })),
    // @ts-expect-error so do the static groups
    filter(Q.not({ age__approx: 1 })),
  ];
  const aggs = [
    Agg.count<Person>(),
    Agg.sum<Person>('age', { role: 'user' }),
    // @ts-expect-error unknown aggregate field
    Agg.max<Person>('height'),
  ];
  return [ok, bad, orders, badOrders, options, badOptions, nodes, inferred, aggs];
}

describe('Where<T> typing', () => {
  it('compiles the accepted filters and rejects every marked misuse at compile time', () => {
    const configPath = join(__dirname, '../../../tsconfig.json');
    const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
    const program = ts.createProgram([__filename], {
      ...parsed.options,
      noEmit: true,
      incremental: false,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.includes('registers-db'))
      .map((d) => {
        const pos =
          d.file && d.start !== undefined
            ? d.file.getLineAndCharacterOfPosition(d.start)
            : undefined;
        return `${d.file?.fileName}:${pos ? pos.line + 1 : '?'} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(diagnostics).toEqual([]);
  }, 60_000);
});
