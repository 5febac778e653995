/** A run of values `start, start+step, …, end` (`step` 1 is a plain range; a single value has start = end). */
export interface ValueSegment {
  start: number;
  end: number;
  step: number;
}

/**
 * Splits ascending values into few segments: arithmetic runs of three or more values become one
 * segment, the rest single values. Exact: the segments match the same values and nothing else.
 */
export function valueSegments(values: readonly number[]): ValueSegment[] {
  const out: ValueSegment[] = [];
  let i = 0;
  while (i < values.length) {
    if (i + 2 < values.length) {
      const step = values[i + 1] - values[i];
      let j = i + 1;
      while (j + 1 < values.length && values[j + 1] - values[j] === step) j += 1;
      if (j - i + 1 >= 3) {
        out.push({ start: values[i], end: values[j], step });
        i = j + 1;
        continue;
      }
    }
    out.push({ start: values[i], end: values[i], step: 1 });
    i += 1;
  }
  return out;
}

/** `values` is one arithmetic progression (a single value counts, with step 0). */
export function arithmeticStep(values: readonly number[]): number | null {
  if (values.length < 2) return values.length === 1 ? 0 : null;
  const step = values[1] - values[0];
  for (let i = 2; i < values.length; i += 1) if (values[i] - values[i - 1] !== step) return null;
  return step;
}
