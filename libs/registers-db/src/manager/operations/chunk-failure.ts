import type { Dialect } from '../../dialects/base/dialect.interface';

/** Carries a failed chunk's driver error out of the batch transaction (which rolls back). */
export class ChunkFailure {
  constructor(
    readonly error: unknown,
    readonly start: number,
    readonly end: number,
  ) {}
}

/**
 * Whether a chunk's driver error is about one of its rows (an integrity violation or a value
 * the database refused), so that replaying the rows one by one can name that row. A busy
 * database or an unknown error is about the statement: it is reported as it is.
 */
export function isRowProblem(
  dialect: Pick<Dialect, 'classifyError' | 'classifyFailure'>,
  error: unknown,
): boolean {
  return !!dialect.classifyError(error) || dialect.classifyFailure(error)?.kind === 'value';
}
