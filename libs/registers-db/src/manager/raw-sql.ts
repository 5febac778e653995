import type { LRUCache } from 'lru-cache';
import { statementCache } from '../dialects/base/statement-cache';
import type { QueryDialect } from '../query/query-dialect.interface';

/** Why a raw statement was refused (the manager turns it into an InvalidQueryError). */
export class RawSqlRefusal {
  constructor(
    readonly reason: string,
    readonly parameter?: string,
  ) {}
}

export interface CompiledRawSql {
  sql: string;
  values: unknown[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /\w/;

/** A raw SQL text rewritten once: the dialect's SQL and the parameter names in bind order. */
interface RawSqlPlan {
  sql: string;
  /** One entry per placeholder (a name used twice binds twice). */
  names: string[];
  used: Set<string>;
}

/**
 * Plans per dialect and SQL text: an app runs the same few texts again and again, and the
 * rewrite scans every character. Bounded like the sessions' statement caches, since a text
 * may be built per call (an `IN` list of varying length).
 */
const plans = new WeakMap<QueryDialect, LRUCache<string, RawSqlPlan>>();
const MAX_PLANS_PER_DIALECT = 500;

function planOf(dialect: QueryDialect, sql: string): RawSqlPlan {
  let cache = plans.get(dialect);
  if (!cache) plans.set(dialect, (cache = statementCache<RawSqlPlan>(MAX_PLANS_PER_DIALECT)));
  let plan = cache.get(sql);
  if (!plan) cache.set(sql, (plan = planRawSql(dialect, sql)));
  return plan;
}

/**
 * Rewrites `:name` parameters into the dialect's placeholders, binding `params[name]`
 * once per occurrence. Quoted literals, quoted identifiers and comments are copied as
 * they are; `::type` casts are not parameters. Refused (RawSqlRefusal): positional
 * placeholders (`?`, `$1`), interpolation markers (`%s`, `{}`), more than one statement,
 * a name missing from `params`, and a param the SQL never uses.
 */
export function compileRawSql(
  dialect: QueryDialect,
  sql: string,
  params: Record<string, unknown> = {},
): CompiledRawSql {
  if (typeof sql !== 'string' || sql.trim() === '')
    throw new RawSqlRefusal('raw SQL must be a non-empty string');
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new RawSqlRefusal(
      'raw SQL takes named parameters as an object ({ name: value }), not a list',
    );
  }
  const plan = planOf(dialect, sql);
  const values: unknown[] = new Array(plan.names.length);
  for (let i = 0; i < plan.names.length; i++) {
    const name = plan.names[i];
    if (!Object.prototype.hasOwnProperty.call(params, name)) {
      throw new RawSqlRefusal(`raw SQL uses :${name} but no value was given for it`, name);
    }
    values[i] = params[name];
  }
  for (const name of Object.keys(params)) {
    if (!plan.used.has(name))
      throw new RawSqlRefusal(`parameter ${name} is not used by the raw SQL`, name);
  }
  return { sql: plan.sql, values };
}

/** The rewrite of compileRawSql, which depends on the text only; refuses what no params fix. */
function planRawSql(dialect: QueryDialect, sql: string): RawSqlPlan {
  const names: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (c === ':' && next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < sql.length && NAME_PART.test(sql[j])) j++;
      names.push(sql.slice(i + 1, j));
      out += dialect.placeholder(names.length);
      i = j;
    } else if (c === '?' || (c === '$' && next !== undefined && /\d/.test(next))) {
      throw new RawSqlRefusal('raw SQL takes named :parameters only (no ? or $1 placeholders)');
    } else if (
      (c === '%' && next === 's') ||
      (c === '{' && (next === '}' || /\d/.test(next ?? '')))
    ) {
      throw new RawSqlRefusal('raw SQL must bind values as :parameters, not interpolate them');
    } else if (c === ';') {
      if (sql.slice(i + 1).trim() !== '')
        throw new RawSqlRefusal('raw SQL runs one statement at a time');
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return { sql: out, names, used: new Set(names) };
}

/** Index just past the literal that opens at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else if (sql[i] === '\\' && quote === "'") i += 2;
    else i++;
  }
  return sql.length;
}
