import { getMetadataStorage } from 'class-validator';
import { ConfigurationError } from '../errors';
import { crudMessages } from '../errors/messages';
import type { ResolvedResource } from './crud-resource';
import { PAGE_PARAMETERS } from './page-parameters';

type RawQuery = Record<string, string | string[] | undefined>;

/** The properties a query class declares rules for. */
function declaredProperties(query: Function): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(query, '', true, false);
  return [...new Set(rules.map((r) => r.propertyName))];
}

/** A `query` class may only declare the list's filters and page parameters. */
export function checkQueryClass(resource: ResolvedResource) {
  const { query, validation } = resource.options;
  if (!query) return;
  const { name } = resource.meta;
  if (validation !== 'app')
    throw new ConfigurationError(crudMessages.queryWithoutAppValidation(name), { model: name });
  const known = [...resource.filters.keys(), ...PAGE_PARAMETERS];
  for (const property of declaredProperties(query)) {
    if (!known.includes(property)) {
      throw new ConfigurationError(crudMessages.queryClassProperty(name, property, known), {
        model: name,
        field: property,
      });
    }
  }
}

const asText = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : String(value);

/**
 * A list's query as text. A query class instance (validated and transformed by the
 * application's pipe) holds numbers, booleans or dates: they go back to the text the list's
 * own parser reads, so its filters apply exactly as they do to a raw query string.
 */
export function queryText(resource: ResolvedResource, query: Record<string, unknown>): RawQuery {
  if (!resource.options.query) return query as RawQuery;
  const raw: RawQuery = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    raw[name] = Array.isArray(value) ? value.map(asText) : asText(value);
  }
  return raw;
}
