/** `'name'` ↔ `'-name'` for every entry, so last() reads first()'s order backwards. */
export function reverseOrder(orderBy: string | readonly string[]): string[] {
  const list = typeof orderBy === 'string' ? [orderBy] : [...orderBy];
  return list.map((entry) => (entry.startsWith('-') ? entry.slice(1) : `-${entry}`));
}
