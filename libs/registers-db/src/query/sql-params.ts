import type { QueryDialect } from './query-dialect.interface';

/**
 * The bound parameters of one statement. `add` stores a value and returns its placeholder
 * (`?` or `$n`), so the SQL text never contains a value.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly dialect: QueryDialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }
}
