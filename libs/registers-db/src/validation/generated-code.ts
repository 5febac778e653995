/**
 * Values that generated code reads through one array (`b[0]`, `b[1]`, …) instead of having
 * them written into its text: functions, metadata and user-supplied constraints never
 * become source code.
 */
export class Bindings {
  readonly values: unknown[] = [];

  ref(value: unknown): string {
    this.values.push(value);
    return `b[${this.values.length - 1}]`;
  }
}

/** A property name as a string literal of generated code. */
export const literal = (name: string): string => JSON.stringify(name);
