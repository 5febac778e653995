/**
 * The root of every error of @registers/db. `context` names the model, table, operation,
 * fields and row index where they apply, and never carries a secret value (password, hash,
 * ciphertext, token). `toJSON()` gives `{ type, message, context }`.
 */
export interface RegistryErrorContext {
  model?: string;
  table?: string;
  operation?: string;
  field?: string;
  fields?: string[];
  operator?: string;
  rowIndex?: number;
  constraint?: string;
  [key: string]: unknown;
}

export class RegistryError extends Error {
  readonly context: RegistryErrorContext;

  constructor(message: string, context: RegistryErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.context = context;
  }

  toJSON(): { type: string; message: string; context: RegistryErrorContext } {
    return { type: this.name, message: this.message, context: this.context };
  }
}
