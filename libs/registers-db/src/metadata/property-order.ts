/**
 * Merges the `@Field` properties with properties that only carry validator decorators,
 * keeping declaration order: each validator-only property goes right after the property
 * declared before it.
 */
export function mergePropertyOrder(fieldOrder: string[], validatorOrder: string[]): string[] {
  const result = [...fieldOrder];
  let previous: string | undefined;
  for (const property of validatorOrder) {
    if (!result.includes(property)) {
      const at = previous === undefined ? 0 : result.indexOf(previous) + 1;
      result.splice(at, 0, property);
    }
    previous = property;
  }
  return result;
}
