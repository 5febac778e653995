/** Deterministic input rows, built outside the timed section. */
export interface BenchRow {
  email: string;
  name: string;
  age: number;
  score: number;
  active: boolean;
}

export function makeRows(count: number, tag: string): BenchRow[] {
  const rows: BenchRow[] = new Array(count);
  for (let i = 0; i < count; i++) {
    rows[i] = {
      email: `user${i}@bench.example.com`,
      name: `${tag} user ${i}`,
      age: 18 + (i % 60),
      score: Math.round(((i * 7919) % 10000) / 3) / 100,
      active: i % 3 !== 0,
    };
  }
  return rows;
}

/** 1..n in a fixed shuffled order, so key lookups do not walk the index sequentially. */
export function shuffledIds(n: number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  let seed = 42;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}
