function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length];
}

/** Closest candidates to `word` (edit distance or prefix), best first. */
export function suggest(word: string, candidates: string[], limit = 3): string[] {
  const lower = word.toLowerCase();
  const scored = [...new Set(candidates)]
    .map((c) => {
      const d = distance(lower, c.toLowerCase());
      const prefix = c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase());
      return { c, score: prefix ? Math.min(d, 1) : d };
    })
    .filter(({ c, score }) => score <= Math.max(2, Math.floor(c.length / 3)))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, limit).map((s) => s.c);
}

export function didYouMean(suggestions: string[]): string {
  if (!suggestions.length) return '';
  return ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`;
}
