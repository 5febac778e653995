import { chunked, chunkSizes } from '../src/manager/chunking';

describe('Bulk statement sizes', () => {
  it('use full chunks, then descending powers of two, covering every item once', () => {
    expect(chunkSizes(2500, 1000)).toEqual([1000, 1000, 256, 128, 64, 32, 16, 4]);
    expect(chunkSizes(7, 1000)).toEqual([4, 2, 1]);
    expect(chunkSizes(1000, 1000)).toEqual([1000]);
    expect(chunkSizes(0, 1000)).toEqual([]);
    expect(chunkSizes(5, 1)).toEqual([1, 1, 1, 1, 1]);
    for (let total = 0; total < 3000; total += 37) {
      expect(chunkSizes(total, 1000).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('keep the number of distinct sizes small whatever the batch sizes are', () => {
    const distinct = new Set<number>();
    for (let total = 1; total <= 5000; total++)
      for (const size of chunkSizes(total, 1000)) distinct.add(size);
    expect(distinct.size).toBeLessThanOrEqual(11);
  });

  it('slice items in order', () => {
    const items = Array.from({ length: 11 }, (_, i) => i);
    expect(chunked(items, 4)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9], [10]]);
  });
});
