/** `teamId` → `team_id`, `HTTPServer` → `http_server`, `TodoItem` → `todo_item`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

/** English plural of the last word: `category` → `categories`, `address` → `addresses`. */
export function pluralize(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** Default table name of a model class: snake_case plural (`TodoItem` → `todo_items`). */
export function defaultTableName(className: string): string {
  return pluralize(snakeCase(className));
}

/** Identifiers we create or accept: letters, digits and underscores, not starting with a digit. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_IDENTIFIER_LENGTH = 63;

export function isSafeIdentifier(name: unknown): name is string {
  return typeof name === 'string' && name.length <= MAX_IDENTIFIER_LENGTH && IDENTIFIER.test(name);
}
