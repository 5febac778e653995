/** Carries a failed chunk's driver error out of the batch transaction (which rolls back). */
export class ChunkFailure {
  constructor(
    readonly error: unknown,
    readonly start: number,
    readonly end: number,
  ) {}
}
