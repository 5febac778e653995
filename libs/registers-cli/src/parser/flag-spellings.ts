export function toKebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** `--name` spellings of an argument: kebab-case, the name as written, and its aliases. */
export function flagsFor(name: string, alias?: string | string[]): string[] {
  const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
  const flags = [
    `--${toKebab(name)}`,
    `--${name}`,
    ...aliases.map((a) => (a.startsWith('-') ? a : a.length === 1 ? `-${a}` : `--${a}`)),
  ];
  return [...new Set(flags)];
}
