/**
 * The two identifier quoting styles, shared by each dialect's query side and DDL so that
 * a name is quoted one way per dialect. The fast path skips the replace for names without
 * the quote character (nearly all of them).
 */
export function doubleQuoted(identifier: string): string {
  return identifier.includes('"') ? `"${identifier.replace(/"/g, '""')}"` : `"${identifier}"`;
}

export function backtickQuoted(identifier: string): string {
  return identifier.includes('`') ? `\`${identifier.replace(/`/g, '``')}\`` : `\`${identifier}\``;
}
