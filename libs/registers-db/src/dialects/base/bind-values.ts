/** Last-resort coercions every driver needs: `undefined` binds as NULL. */
export function bindValues(params: unknown[]): unknown[] {
  for (let i = 0; i < params.length; i++) {
    if (params[i] === undefined) {
      const copy = params.slice();
      for (let j = i; j < copy.length; j++) if (copy[j] === undefined) copy[j] = null;
      return copy;
    }
  }
  return params;
}
