/** Edit distance counting an adjacent transposition as one edit (`lsit` → `list` is 1). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** Closest candidates to `word` (edit distance or prefix), best first. */
export function suggest(word: string, candidates: string[], limit = 3): string[] {
  const lower = word.toLowerCase();
  const scored = [...new Set(candidates)]
    .map((c) => {
      const d = distance(lower, c.toLowerCase());
      const prefix = c.toLowerCase().startsWith(lower);
      return { c, score: prefix && c.length > 1 ? Math.min(d, 0.5) : d };
    })
    .filter(({ score }) => score <= (lower.length <= 3 ? 1 : 2))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  const best = scored.length ? scored[0].score : 0;
  return scored
    .filter((s) => s.score === best)
    .slice(0, limit)
    .map((s) => s.c);
}

export function didYouMean(suggestions: string[]): string {
  if (!suggestions.length) return '';
  return ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`;
}
