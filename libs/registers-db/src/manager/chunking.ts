/**
 * Splits `total` items into statement sizes: full chunks of `max`, then the rest as
 * descending powers of two. Each size is its own SQL text (cached by the manager and
 * prepared by the driver), so this keeps the number of distinct texts per model small
 * (about log2(max) + 1) whatever the batch sizes callers use.
 */
export function chunkSizes(total: number, max: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left >= max) {
    sizes.push(max);
    left -= max;
  }
  for (let size = 1 << Math.floor(Math.log2(Math.max(1, max))); left > 0 && size >= 1; size >>= 1) {
    while (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** `items` cut into consecutive slices of chunkSizes(items.length, max). */
export function chunked<V>(items: V[], max: number): V[][] {
  const out: V[][] = [];
  let start = 0;
  for (const size of chunkSizes(items.length, max)) {
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}
