import { MAX_JSON_DEPTH } from '../http/json-depth';
import { isWellFormedText, WELL_FORMED_TEXT_RULE } from './well-formed-text';

export interface FieldIssue {
  field: string;
  messages: string[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first problem with a body or query as a whole, before its DTO sees it:
 * - a `__proto__`, `constructor` or `prototype` key at any depth (`JSON.parse` keeps
 *   `__proto__` as an own key; class-transformer would skip it silently, but like any unknown
 *   property it is refused, with its path, e.g. `items.0.__proto__`);
 * - a string (or key) that is not well-formed text, in any field, named by its path.
 * Bodies nest at most MAX_JSON_DEPTH levels (the JSON parser refuses deeper ones), so the walk
 * is bounded; the bound is repeated here for values that did not come through it.
 */
export function firstBodyIssue(value: unknown, path = '', depth = 0): FieldIssue | undefined {
  if (typeof value === 'string') {
    return isWellFormedText(value) ? undefined : textIssue(path || 'body');
  }
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) {
      const message = `property ${here} should not exist`;
      return { field: here, messages: [message] };
    }
    if (!isWellFormedText(key)) {
      const field = path || 'body';
      return { field, messages: [`property names of ${field} ${WELL_FORMED_TEXT_RULE}`] };
    }
    const nested = firstBodyIssue((value as Record<string, unknown>)[key], here, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

function textIssue(field: string): FieldIssue {
  return { field, messages: [`${field} ${WELL_FORMED_TEXT_RULE}`] };
}
