import type { ArtifactTarget } from './targets/artifact.interface';

/** Where an artifact error happened: the target and, when one job is at fault, the job. */
export interface ArtifactErrorContext {
  target: ArtifactTarget | string;
  job?: string;
}

/** A deployment artifact could not be generated or applied. The message says why and what to do. */
export class ArtifactError extends Error {
  readonly context: ArtifactErrorContext;

  constructor(message: string, context: ArtifactErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.context = context;
  }
}
